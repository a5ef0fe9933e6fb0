import Foundation

/// Parsing of RFC 3339 timestamps, Go-style durations and time zone names.
enum TimeParsing {
    /// Parses `2009-02-13T23:31:30.123Z` or with a `±hh:mm` offset.
    static func parseTimestamp(_ text: String) -> CELTimestamp? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + digits] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("Tt"), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2)
        else { return nil }
        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24,
            minute < 60, second < 60
        else { return nil }
        var nanos: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int64(bytes[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        var offset: Int64 = 0
        if expect("Zz") {
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let h = number(2), expect(":"), let m = number(2), h < 24, m < 60 else { return nil }
            offset = sign * (h * 3600 + m * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = CivilTime.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return CELTimestamp(seconds: seconds, nanos: nanos)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses Go duration syntax: `1h30m`, `-1.5s`, `100ms`, `1us`, `1µs`, `1ns`.
    static func parseDuration(_ text: String) -> CELDuration? {
        var scalars = Array(text.unicodeScalars)
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars.removeFirst()
        }
        if scalars == ["0"] { return CELDuration(seconds: 0) }
        guard !scalars.isEmpty else { return nil }
        var totalNanos: Decimal = 0
        var index = 0
        while index < scalars.count {
            var numberText = ""
            while index < scalars.count, scalars[index] == "." || ("0"..."9").contains(scalars[index]) {
                numberText.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard !numberText.isEmpty, numberText != ".", let amount = Decimal(string: numberText) else { return nil }
            var unit = ""
            while index < scalars.count, !(scalars[index] == "." || ("0"..."9").contains(scalars[index])) {
                unit.unicodeScalars.append(scalars[index])
                index += 1
            }
            let multiplier: Decimal
            switch unit {
            case "h": multiplier = 3_600_000_000_000
            case "m": multiplier = 60_000_000_000
            case "s": multiplier = 1_000_000_000
            case "ms": multiplier = 1_000_000
            case "us", "µs", "μs": multiplier = 1000
            case "ns": multiplier = 1
            default: return nil
            }
            totalNanos += amount * multiplier
            if totalNanos > 1e22 { return nil }
        }
        if negative { totalNanos = -totalNanos }
        var rounded = Decimal()
        var source = totalNanos
        NSDecimalRound(&rounded, &source, 0, .down)
        let billion: Decimal = 1_000_000_000
        var secondsPart = Decimal()
        var quotient = rounded / billion
        NSDecimalRound(&secondsPart, &quotient, 0, .down)
        let nanosPart = rounded - secondsPart * billion
        let seconds = NSDecimalNumber(decimal: secondsPart).int64Value
        let nanos = NSDecimalNumber(decimal: nanosPart).int64Value
        return CELDuration(seconds: seconds, nanos: nanos)
    }

    /// The UTC offset in seconds of a zone (`UTC`, `Asia/Shanghai`, `+05:30`, `-02:30`, `02:00`) at an instant.
    static func offset(zone: String, at timestamp: CELTimestamp) -> Int64? {
        let scalars = Array(zone.utf8)
        if let first = scalars.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || (first >= 0x30 && first <= 0x39)
        {
            var text = Substring(zone)
            var sign: Int64 = 1
            if first == UInt8(ascii: "-") { sign = -1 }
            if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { text = text.dropFirst() }
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let hours = Int64(parts[0]), let minutes = Int64(parts[1]), hours < 24,
                minutes < 60
            else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        return Int64(timeZone.secondsFromGMT(for: timestamp.date))
    }
}
