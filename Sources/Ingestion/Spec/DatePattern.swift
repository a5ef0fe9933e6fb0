public import FundWatchCore

/// A date or month format of a department's export, written as the spec writes it:
/// `yyyy` four-digit year, `MM`/`dd` two digits, `M`/`d` one or two digits, anything else
/// literal (`yyyy年M月d日`, `yyyy/M/d`, `yyyyMMdd`); or `excel_serial`, a spreadsheet day number.
///
/// Matching works on the UTF-8 bytes of a cleaned (half-width, trimmed) value; a trailing time of
/// day (`2023-05-07 08:30:00`) is accepted and dropped, as exports from databases often add one.
public struct DatePattern: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case year
        case month(exactWidth: Bool)
        case day(exactWidth: Bool)
        case literal([UInt8])
    }

    /// The pattern as written in the spec.
    public let text: String
    let tokens: [Token]
    /// Whether this is the spreadsheet serial number (days since 1899-12-30).
    public let isExcelSerial: Bool

    /// Whether the pattern has a day (a date) or only a year and month (a month).
    public var hasDay: Bool { tokens.contains { if case .day = $0 { true } else { false } } }

    /// Parses a pattern; returns nil with the reason when it is not one.
    public static func parse(_ text: String) -> Result<DatePattern, PatternError> {
        if text == "excel_serial" { return .success(DatePattern(text: text, tokens: [], isExcelSerial: true)) }
        var tokens = [Token]()
        let chars = Array(text)
        var i = 0
        var years = 0
        var months = 0
        var days = 0
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count, chars[i + run] == c { run += 1 }
            switch c {
            case "y":
                guard run == 4 else { return .failure(PatternError("write the year as yyyy (four digits)")) }
                tokens.append(.year)
                years += 1
            case "M":
                guard run <= 2 else { return .failure(PatternError("write the month as M or MM")) }
                tokens.append(.month(exactWidth: run == 2))
                months += 1
            case "d":
                guard run <= 2 else { return .failure(PatternError("write the day as d or dd")) }
                tokens.append(.day(exactWidth: run == 2))
                days += 1
            default:
                let bytes = Array(String(repeating: c, count: run).utf8)
                if case .literal(let previous) = tokens.last {
                    tokens[tokens.count - 1] = .literal(previous + bytes)
                } else {
                    tokens.append(.literal(bytes))
                }
            }
            i += run
        }
        guard years == 1, months == 1, days <= 1 else {
            return .failure(PatternError("a pattern needs one yyyy, one M or MM and at most one d or dd"))
        }
        return .success(DatePattern(text: text, tokens: tokens, isExcelSerial: false))
    }

    private init(text: String, tokens: [Token], isExcelSerial: Bool) {
        self.text = text
        self.tokens = tokens
        self.isExcelSerial = isExcelSerial
    }

    public var description: String { text }

    /// Why a pattern text is not a pattern.
    public struct PatternError: Error, Hashable, Sendable {
        public let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The patterns tried for a date field when the spec gives none.
    public static let defaultDatePatterns: [DatePattern] = ["yyyy-MM-dd", "yyyy/M/d", "yyyyMMdd", "yyyy年M月d日", "yyyy.M.d", "yyyy-M-d"]
        .map { try! parse($0).get() }

    /// The patterns tried for a month field when the spec gives none.
    public static let defaultPeriodPatterns: [DatePattern] = ["yyyy-MM", "yyyyMM", "yyyy/M", "yyyy年M月", "yyyy.M", "yyyy-M"]
        .map { try! parse($0).get() }

    /// The year, month and day (1 when the pattern has none) of `value`, or nil when it does not match.
    public func match(_ value: String) -> (year: Int, month: Int, day: Int)? {
        var copy = value
        return copy.withUTF8 { match(bytes: $0) }
    }

    func match(bytes u: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        if isExcelSerial { return DatePattern.excelSerial(u) }
        var i = 0
        var year = 0
        var month = 0
        var day = 1
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maximum, i < u.count, u[i] >= 0x30, u[i] <= 0x39 {
                value = value * 10 + Int(u[i] - 0x30)
                i += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        for token in tokens {
            switch token {
            case .year:
                guard let v = digits(4, 4) else { return nil }
                year = v
            case .month(let exact):
                guard let v = digits(exact ? 2 : 1, 2) else { return nil }
                month = v
            case .day(let exact):
                guard let v = digits(exact ? 2 : 1, 2) else { return nil }
                day = v
            case .literal(let bytes):
                guard i + bytes.count <= u.count else { return nil }
                for b in bytes {
                    guard u[i] == b else { return nil }
                    i += 1
                }
            }
        }
        if i < u.count, !DatePattern.isTimeOfDay(u, from: i) { return nil }
        return (year, month, day)
    }

    /// Whether the rest of the value is a time of day: a space or `T`, then digits, `:` and `.`.
    private static func isTimeOfDay(_ u: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard u[start] == 0x20 || u[start] == UInt8(ascii: "T"), start + 1 < u.count else { return false }
        for k in (start + 1)..<u.count where !((u[k] >= 0x30 && u[k] <= 0x39) || u[k] == 0x3A || u[k] == 0x2E) {
            return false
        }
        return true
    }

    /// A spreadsheet serial day number (with an optional fraction for the time of day). Serial 1 is
    /// 1900-01-01; Excel counts a 1900-02-29 that never was (serial 60), so later serials count from
    /// 1899-12-30 and earlier ones from 1899-12-31.
    private static func excelSerial(_ u: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        var serial = 0
        var i = 0
        while i < u.count, u[i] >= 0x30, u[i] <= 0x39, i < 6 {
            serial = serial * 10 + Int(u[i] - 0x30)
            i += 1
        }
        // Five digits reach 2173; longer numbers are more likely yyyyMMdd or an ID than a serial.
        guard i > 0, i <= 5 else { return nil }
        if i < u.count {
            guard u[i] == 0x2E else { return nil }
            for k in (i + 1)..<u.count where u[k] < 0x30 || u[k] > 0x39 { return nil }
        }
        guard serial >= 1, serial != 60 else { return nil }
        let epoch = CivilDate(year: 1899, month: 12, day: serial < 60 ? 31 : 30)!
        let date = epoch.adding(days: serial)
        return (date.year, date.month, date.day)
    }
}

extension DatePattern {
    /// The date `value` stands for under the first pattern that reads it, or nil.
    public static func date(_ value: String, patterns: [DatePattern]) -> CivilDate? {
        var copy = value
        return copy.withUTF8 { u in
            for pattern in patterns {
                if let (y, m, d) = pattern.match(bytes: u), let date = CivilDate(year: y, month: m, day: d) { return date }
            }
            return nil
        }
    }

    /// The month `value` stands for under the first pattern that reads it, or nil.
    public static func period(_ value: String, patterns: [DatePattern]) -> Period? {
        var copy = value
        return copy.withUTF8 { u in
            for pattern in patterns {
                if let (y, m, d) = pattern.match(bytes: u), CivilDate(year: y, month: m, day: d) != nil,
                    let p = Period(year: y, month: m)
                {
                    return p
                }
            }
            return nil
        }
    }
}
