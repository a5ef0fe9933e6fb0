import Foundation

/// The one textual form of instants in the web tables: RFC 3339 UTC with milliseconds
/// (`2026-11-25T20:51:00.123Z`), which sorts as text, so SQL compares times directly.
///
/// Formatted and parsed by hand: every authenticated request compares its session or token
/// against the time, and an `ISO8601DateFormatter` (not `Sendable`, so made per call) cost
/// more than the rest of the look-up. Text in any other RFC 3339 form still parses, through
/// the formatter.
enum WebTime {
    static func format(_ date: Date) -> String {
        // The nearest whole millisecond: a parsed `…00.123Z` is a double just below or above
        // .123, and must format back to the same text.
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (days, msOfDay) = millis.quotientAndRemainderFlooring(dividingBy: 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let seconds = msOfDay / 1000
        var out = [UInt8]()
        out.reserveCapacity(24)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var v = value
            while divisor > 0 {
                out.append(UInt8(truncatingIfNeeded: 48 + v / divisor))
                v %= divisor
                divisor /= 10
            }
        }
        guard (0...9999).contains(year) else { return fallbackFormatter().string(from: date) }
        digits(year, 4); out.append(UInt8(ascii: "-")); digits(month, 2); out.append(UInt8(ascii: "-")); digits(day, 2)
        out.append(UInt8(ascii: "T"))
        digits(seconds / 3600, 2); out.append(UInt8(ascii: ":")); digits(seconds / 60 % 60, 2)
        out.append(UInt8(ascii: ":")); digits(seconds % 60, 2)
        out.append(UInt8(ascii: ".")); digits(msOfDay % 1000, 3); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    static func parse(_ text: String) -> Date? {
        if let date = parseCanonical(text) { return date }
        return fallbackFormatter().date(from: text) ?? fallbackFormatter(fractional: false).date(from: text)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff…]Z`, the form `format` writes; nil for anything else.
    static func parseCanonical(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count >= 20, bytes[bytes.count - 1] == UInt8(ascii: "Z") else { return nil }
            func number(_ start: Int, _ count: Int) -> Int64? {
                var value: Int64 = 0
                for i in start..<start + count {
                    let d = bytes[i] &- 48
                    guard d < 10 else { return nil }
                    value = value * 10 + Int64(d)
                }
                return value
            }
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
            else { return nil }
            var fraction = 0.0
            let end = bytes.count - 1
            if end > 19 {
                guard bytes[19] == UInt8(ascii: "."), end > 20, end - 20 <= 9, let digits = number(20, end - 20) else { return nil }
                var scale = 1.0
                for _ in 0..<(end - 20) { scale *= 10 }
                fraction = Double(digits) / scale
            } else if end != 19 {
                return nil
            }
            let days = daysFromCivil(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
            return Date(timeIntervalSince1970: Double(seconds) + fraction)
        }
    }

    // Howard Hinnant's days-from-civil and its inverse (proleptic Gregorian, day 0 = 1970-01-01).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }

    // Only for text not in the canonical form (and years outside 0…9999): rare, so one per call.
    private static func fallbackFormatter(fractional: Bool = true) -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return f
    }
}

extension Int64 {
    /// Quotient rounded toward negative infinity, and the non-negative remainder.
    fileprivate func quotientAndRemainderFlooring(dividingBy d: Int64) -> (Int64, Int64) {
        let (q, r) = quotientAndRemainder(dividingBy: d)
        return r < 0 ? (q - 1, r + d) : (q, r)
    }
}
