extension CELValue: CustomStringConvertible {
    /// A CEL-like rendering of the value, e.g. `[1, 'a', b'\x00']`, used in messages and tests.
    public var description: String { debugLiteral }

    var debugLiteral: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .int(let value): return String(value)
        case .uint(let value): return "\(value)u"
        case .double(let value): return CELValue.formatDouble(value)
        case .string(let value): return CELValue.quote(value)
        case .bytes(let value):
            var text = "b\""
            for byte in value {
                if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    text.append(Character(Unicode.Scalar(byte)))
                } else {
                    text += "\\x" + String(byte, radix: 16, uppercase: false).leftPadded(to: 2)
                }
            }
            return text + "\""
        case .list(let elements): return "[" + elements.map(\.debugLiteral).joined(separator: ", ") + "]"
        case .map(let map):
            return "{" + zip(map.keys, map.values).map { "\($0.debugLiteral): \($1.debugLiteral)" }
                .joined(separator: ", ") + "}"
        case .type(let type): return type.runtimeName
        case .duration(let duration): return "duration(\"\(CELValue.formatDuration(duration))\")"
        case .timestamp(let timestamp): return "timestamp(\"\(CELValue.formatTimestamp(timestamp))\")"
        case .object(let object): return "\(Swift.type(of: object).celTypeName){…}"
        case .error(let error): return "error(\(error.reason))"
        }
    }

    /// Go-like shortest formatting: `1`, `1.5`, `1e+100`, `NaN`, `+Inf`.
    static func formatDouble(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        if let e = text.firstIndex(of: "e") {
            var mantissa = String(text[..<e])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            var exponent = String(text[text.index(after: e)...])
            if !exponent.hasPrefix("-") && !exponent.hasPrefix("+") { exponent = "+" + exponent }
            if exponent.count == 2 { exponent.insert("0", at: exponent.index(after: exponent.startIndex)) }
            text = mantissa + "e" + exponent
        }
        return text
    }

    /// Quotes a string as a CEL double-quoted literal.
    static func quote(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{07}": text += "\\a"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\u{0B}": text += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    text += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    /// `1.5s`, `-0.000000001s`, `3600s` (protobuf JSON form).
    static func formatDuration(_ duration: CELDuration) -> String {
        let negative = duration.seconds < 0
        let seconds = duration.truncatedSeconds.magnitude
        let nanos = duration.signedNanos.magnitude
        var text = (negative ? "-" : "") + String(seconds)
        if nanos > 0 { text += "." + fraction(nanos) }
        return text + "s"
    }

    /// Digits of a nanosecond fraction with trailing zeros removed.
    static func fraction(_ nanos: UInt64) -> String {
        var digits = String(nanos).leftPadded(to: 9)
        while digits.hasSuffix("0") { digits.removeLast() }
        return digits
    }

    /// RFC 3339 in UTC with as many fractional digits as needed.
    static func formatTimestamp(_ timestamp: CELTimestamp) -> String {
        let civil = CivilTime(secondsSinceEpoch: timestamp.seconds)
        var text = String(civil.year).leftPadded(to: 4) + "-" + String(civil.month).leftPadded(to: 2) + "-"
            + String(civil.day).leftPadded(to: 2) + "T" + String(civil.hour).leftPadded(to: 2) + ":"
            + String(civil.minute).leftPadded(to: 2) + ":" + String(civil.second).leftPadded(to: 2)
        if timestamp.nanos > 0 { text += "." + fraction(UInt64(timestamp.nanos)) }
        return text + "Z"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
