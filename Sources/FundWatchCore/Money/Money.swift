/// An amount of money in integer fen (分): never a floating-point number.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, Codable {
    /// The amount in fen.
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    /// Whole yuan.
    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)

    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    public init(from decoder: any Decoder) throws {
        self.fen = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fen)
    }
}

extension Money: CustomStringConvertible {
    /// Yuan with two decimals and thousands separators: `1,234.50`, `-0.05`.
    public var description: String {
        let negative = fen < 0
        let magnitude = fen.magnitude
        let yuan = String(magnitude / 100)
        var grouped = ""
        for (i, ch) in yuan.enumerated() {
            if i > 0 && (yuan.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let cents = magnitude % 100
        return (negative ? "-" : "") + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Parses an amount written in yuan as people write it: `1,234.50`, `¥1234.5`, `１２３４．５０`,
    /// `-12`, `1234元`. At most two decimals (more is an error, not a silent rounding).
    public init(yuanText text: String) throws(MoneyParseError) {
        var digits = [UInt8]()
        var negative = false
        var seenPoint = false
        var decimals = 0
        var sawDigit = false
        let scalars = Array(text.unicodeScalars)
        for (position, scalar) in scalars.enumerated() {
            var v = scalar.value
            if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }  // full-width ASCII forms
            switch v {
            case 0x30...0x39:
                if seenPoint {
                    decimals += 1
                    guard decimals <= 2 else { throw MoneyParseError(text, .tooManyDecimals) }
                }
                digits.append(UInt8(v))
                sawDigit = true
            case 0x2E, 0x3002:  // '.' and the ideographic full stop
                guard !seenPoint else { throw MoneyParseError(text, .characters) }
                seenPoint = true
            case 0x2C, 0x3001, 0x20, 0x3000, 0x09:  // thousands separators and spaces
                continue
            case 0xA5, 0xFFE5, 0x24:  // ¥ ￥ $
                guard !sawDigit else { throw MoneyParseError(text, .characters) }
            case 0x5143 where position == scalars.count - 1 && sawDigit:  // trailing 元
                continue
            case 0x2D, 0x2212:
                guard !sawDigit, !negative else { throw MoneyParseError(text, .characters) }
                negative = true
            case 0x2B:
                guard !sawDigit else { throw MoneyParseError(text, .characters) }
            default:
                throw MoneyParseError(text, .characters)
            }
        }
        guard sawDigit else { throw MoneyParseError(text, .empty) }
        while decimals < 2 {
            digits.append(0x30)
            decimals += 1
        }
        var value: Int64 = 0
        for d in digits {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(d - 0x30))
            guard !o1, !o2 else { throw MoneyParseError(text, .tooLarge) }
            value = s
        }
        self.fen = negative ? -value : value
    }
}

/// Why a text is not an amount of money.
public struct MoneyParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Sendable { case empty, characters, tooManyDecimals = "too_many_decimals", tooLarge = "too_large" }
    public let input: String
    public let reason: Reason

    init(_ input: String, _ reason: Reason) {
        self.input = input
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .empty: "no amount in '\(input)'"
        case .characters: "'\(input)' is not an amount in yuan (digits, one decimal point, optional ¥ and commas)"
        case .tooManyDecimals: "'\(input)' has more than two decimals; amounts are kept to the fen"
        case .tooLarge: "'\(input)' is too large an amount"
        }
    }
}
