/// Why a text is not a valid identity number. Compared by reason only.
public struct IDNumberError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason, one per kind of failure.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case empty, length, characters, region, birthDate = "birth_date", checkDigit = "check_digit" }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Nothing was given.
        public static let empty = Reason(.empty)
        /// Neither 15 nor 18 characters.
        public static let length = Reason(.length)
        /// A character other than a digit (or a final `X`).
        public static let characters = Reason(.characters)
        /// The first two digits are no province code.
        public static let region = Reason(.region)
        /// The birth date does not exist, lies in the future or before 1890.
        public static let birthDate = Reason(.birthDate)
        /// The MOD 11-2 check character does not match.
        public static let checkDigit = Reason(.checkDigit)

        /// The machine-readable code (`length`, `check_digit`, …).
        public var code: String { base.rawValue }
        public var description: String { code }

        /// English explanation with what to do.
        public var english: String {
            switch base {
            case .empty: "the ID number is empty"
            case .length: "an ID number has 18 characters (or 15 digits in the old form)"
            case .characters: "only digits are allowed, and X as the last of 18 characters"
            case .region: "the first two digits are not a province code"
            case .birthDate: "characters 7-14 are not a real birth date between 1890 and today"
            case .checkDigit: "the last character does not match the ISO 7064 MOD 11-2 check; a digit was probably mistyped"
            }
        }

        /// Chinese explanation, for pages and reports.
        public var chinese: String {
            switch base {
            case .empty: "身份证号码为空"
            case .length: "身份证号码应为18位（旧版15位）"
            case .characters: "身份证号码只能包含数字，第18位可为X"
            case .region: "前两位不是有效的省级行政区划代码"
            case .birthDate: "出生日期无效（不存在、晚于今日或早于1890年）"
            case .checkDigit: "校验码不符，可能有数字录入错误"
            }
        }
    }

    /// Why the number was rejected.
    public let reason: Reason
    /// The rejected input, masked so that errors never carry a whole ID number.
    public let maskedInput: String

    init(_ reason: Reason, input: String) {
        self.reason = reason
        self.maskedInput = IDNumber.mask(input.trimmingWhitespace())
    }

    public var description: String { "invalid ID number \(maskedInput): \(reason.english) (\(reason.chinese))" }

    public static func == (lhs: IDNumberError, rhs: IDNumberError) -> Bool { lhs.reason == rhs.reason }
    public func hash(into hasher: inout Hasher) { hasher.combine(reason) }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
