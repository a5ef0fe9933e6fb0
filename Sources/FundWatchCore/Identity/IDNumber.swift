/// A Chinese resident identity number (公民身份号码, GB 11643-1999), always held in its
/// 18-character form with an upper-case `X` check character.
///
/// Parsing accepts the 18-character form (with `x` or `X`), the old 15-digit form (upgraded:
/// century `19` inserted and the check character computed), full-width digits and
/// surrounding white space. Every rejection names its reason (`IDNumberError.Reason`).
public struct IDNumber: Hashable, Comparable, Sendable {
    /// The normalised 18-character number.
    public let value: String

    /// The six-digit code of the region where the number was first issued.
    public var issuingRegion: String { String(value.prefix(6)) }

    /// The holder's date of birth, encoded in characters 7–14.
    public var birthDate: CivilDate {
        let u = Array(value.utf8)
        return CivilDate(
            year: ASCIIDigits.value(u[6..<10])!, month: ASCIIDigits.value(u[10..<12])!,
            day: ASCIIDigits.value(u[12..<14])!)!
    }

    /// The holder's sex: an odd 17th digit is male, an even one female.
    public var sex: Sex {
        let u = Array(value.utf8)
        return (u[16] - 0x30) % 2 == 1 ? .male : .female
    }

    /// Whether the input was the old 15-digit form.
    public let wasUpgraded: Bool

    /// Parses and validates `text`; `today` bounds the birth date (no births in the future).
    public init(_ text: String, today: CivilDate) throws(IDNumberError) {
        // Most input is already canonical (18 ASCII characters, upper-case X): validate it in
        // place and keep the caller's string, with no allocation. This is the import's hot path.
        if IDNumber.isCanonicalShape(text),
            let outcome = text.utf8.withContiguousStorageIfAvailable({ IDNumber.validate($0, today: today) })
        {
            if case .invalid(let reason) = outcome { throw IDNumberError(reason, input: text) }
            self.value = text
            self.wasUpgraded = false
            return
        }
        let u = Array(IDNumber.normalizeCharacters(text).utf8)
        let outcome = u.withUnsafeBufferPointer { IDNumber.validate($0, today: today) }
        switch outcome {
        case .invalid(let reason): throw IDNumberError(reason, input: text)
        case .valid(let check):
            var body = u.count == 15 ? Array(u[0..<6]) + Array("19".utf8) + Array(u[6..<15]) : Array(u[0..<17])
            body.append(check)
            self.value = String(decoding: body, as: UTF8.self)
            self.wasUpgraded = u.count == 15
        }
    }

    /// The outcome of `validate`.
    private enum Validation {
        case valid(checkCharacter: UInt8)
        case invalid(IDNumberError.Reason)
    }

    /// Checks normalised characters (15 or 18 of them) and returns the check character of the
    /// 18-character form.
    private static func validate(_ u: UnsafeBufferPointer<UInt8>, today: CivilDate) -> Validation {
        guard !u.isEmpty else { return .invalid(.empty) }
        guard u.count == 18 || u.count == 15 else { return .invalid(.length) }
        let long = u.count == 18
        let digitsEnd = long ? 17 : 15
        for i in 0..<digitsEnd where u[i] < 0x30 || u[i] > 0x39 { return .invalid(.characters) }
        if long, u[17] < 0x30 || u[17] > 0x39, u[17] != UInt8(ascii: "X") { return .invalid(.characters) }
        // The i-th digit of the 17-digit body; the old form lacks the century "19".
        func digit(_ i: Int) -> Int {
            if long || i < 6 { return Int(u[i] - 0x30) }
            if i == 6 { return 1 }
            if i == 7 { return 9 }
            return Int(u[i - 2] - 0x30)
        }
        guard provinceCodes.contains(digit(0) * 10 + digit(1)) else { return .invalid(.region) }
        let year = digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9)
        guard let birth = CivilDate(year: year, month: digit(10) * 10 + digit(11), day: digit(12) * 10 + digit(13)),
            birth.year >= 1890, birth <= today
        else { return .invalid(.birthDate) }
        var sum = 0
        for i in 0..<17 { sum += digit(i) * weights[i] }
        let check = checkCharacters[sum % 11]
        if long, u[17] != check { return .invalid(.checkDigit) }
        return .valid(checkCharacter: check)
    }

    /// Builds a number from its parts, computing the check character. Used by the simulator;
    /// `sequence` is the three-digit order code whose parity gives the sex.
    public init(region: String, birthDate: CivilDate, sequence: Int) {
        precondition(region.utf8.count == 6 && (0...999).contains(sequence), "invalid ID parts")
        var body = Array(region.utf8)
        body += Array(ASCIIDigits.padded(birthDate.year, width: 4).utf8)
        body += Array(ASCIIDigits.padded(birthDate.month, width: 2).utf8)
        body += Array(ASCIIDigits.padded(birthDate.day, width: 2).utf8)
        body += Array(ASCIIDigits.padded(sequence, width: 3).utf8)
        body.append(IDNumber.checkCharacter(body))
        self.value = String(decoding: body, as: UTF8.self)
        self.wasUpgraded = false
    }

    /// The old 15-digit form of this number, when it has one (born 1900–1999).
    public var fifteenDigitForm: String? {
        guard value.hasPrefix("19", after: 6) else { return nil }
        let u = Array(value.utf8)
        return String(decoding: u[0..<6] + u[8..<17], as: UTF8.self)
    }

    /// ISO 7064 MOD 11-2 check character of the first 17 digits.
    public static func checkCharacter<C: Collection>(_ first17: C) -> UInt8 where C.Element == UInt8 {
        var sum = 0
        for (i, b) in first17.prefix(17).enumerated() { sum += Int(b - 0x30) * weights[i] }
        return checkCharacters[sum % 11]
    }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432".utf8)
    /// The two-digit province codes of GB/T 2260 (incl. Taiwan 71, Hong Kong 81, Macao 82).
    private static let provinceCodes: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ]

    /// Whether `text` is 18 ASCII digits, the last possibly an upper-case `X`.
    public static func isCanonicalShape(_ text: String) -> Bool {
        var count = 0
        for b in text.utf8 {
            count += 1
            guard count <= 18 else { return false }
            if b >= 0x30 && b <= 0x39 { continue }
            if b == UInt8(ascii: "X") && count == 18 { continue }
            return false
        }
        return count == 18
    }

    /// Trims white space, maps full-width digits and `Ｘ`/`x` to ASCII `X`.
    static func normalizeCharacters(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(18)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3000, 0xFEFF: continue
            case 0xFF10...0xFF19: out.append(UInt8(scalar.value - 0xFF10 + 0x30))
            case 0x78, 0xFF38, 0xFF58: out.append(UInt8(ascii: "X"))
            case 0x00...0x7F: out.append(UInt8(scalar.value))
            default: out.append(0xFF)  // keeps the length honest; rejected as a character
            }
        }
        return String(decoding: out.map { $0 == 0xFF ? UInt8(ascii: "?") : $0 }, as: UTF8.self)
    }

    public static func < (lhs: IDNumber, rhs: IDNumber) -> Bool { lhs.value < rhs.value }

    /// Two numbers are equal when their 18-character forms are: a number read in its old
    /// 15-digit form is the same person's number.
    public static func == (lhs: IDNumber, rhs: IDNumber) -> Bool { lhs.value == rhs.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension IDNumber: CustomStringConvertible {
    /// The full number. Pages and logs show `masked` instead.
    public var description: String { value }

    /// The number with the birth date and order code hidden (`371482********123X` style:
    /// region and last four kept), as pages, logs and errors show it by default.
    public var masked: String { IDNumber.mask(value) }

    /// Masks any ID-like text: keeps the first six and last four characters.
    public static func mask(_ text: String) -> String {
        let chars = Array(text)
        guard chars.count > 10 else { return String(repeating: "*", count: chars.count) }
        return String(chars[0..<6]) + String(repeating: "*", count: chars.count - 10) + String(chars[(chars.count - 4)...])
    }
}

extension IDNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try IDNumber(text, today: CivilDate(year: 9999, month: 12, day: 31)!)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension String {
    fileprivate func hasPrefix(_ prefix: String, after offset: Int) -> Bool {
        dropFirst(offset).hasPrefix(prefix)
    }
}
