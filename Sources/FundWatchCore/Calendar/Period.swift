/// A benefit or contribution month (`YYYY-MM`).
public struct Period: Hashable, Comparable, Sendable, Strideable {
    public let year: Int
    public let month: Int

    /// Creates a period, or nil when the month is not 1…12.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Months since 0000-01: a dense index for arithmetic and storage.
    public var index: Int { year * 12 + (month - 1) }

    /// The period with the given dense index.
    public init(index: Int) {
        self.year = index >= 0 ? index / 12 : (index - 11) / 12
        self.month = index - year * 12 + 1
    }

    /// The period `n` months later (earlier when negative).
    public func adding(months n: Int) -> Period { Period(index: index + n) }

    /// Months from `self` to `other` (positive when `other` is later).
    public func months(to other: Period) -> Int { other.index - index }

    /// The first day of the month.
    public var firstDay: CivilDate { CivilDate(year: year, month: month, day: 1)! }

    /// The last day of the month.
    public var lastDay: CivilDate {
        CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))!
    }

    public func distance(to other: Period) -> Int { months(to: other) }
    public func advanced(by n: Int) -> Period { adding(months: n) }

    public static func < (lhs: Period, rhs: Period) -> Bool { lhs.index < rhs.index }
}

extension Period: CustomStringConvertible, LosslessStringConvertible {
    /// Parses `YYYY-MM` exactly.
    public init?(_ text: String) {
        var text = text
        let parts = text.withUTF8 { u -> (Int, Int)? in
            guard u.count == 7, u[4] == UInt8(ascii: "-"),
                let y = ASCIIDigits.value(u[0..<4]), let m = ASCIIDigits.value(u[5..<7])
            else { return nil }
            return (y, m)
        }
        guard let (y, m) = parts else { return nil }
        self.init(year: y, month: m)
    }

    /// `YYYY-MM`.
    public var description: String {
        ASCIIDigits.padded(year, width: 4) + "-" + ASCIIDigits.padded(month, width: 2)
    }
}

extension Period: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let p = Period(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a period YYYY-MM, got \(text)"))
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
