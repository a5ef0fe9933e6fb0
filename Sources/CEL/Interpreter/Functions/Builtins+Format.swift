import Foundation

/// `string.format(list)` from the cel-go strings extension: `%s %d %f %e %b %o %x %X %%`
/// with an optional precision (`%.3f`).
enum Formatting {
    static func format(_ template: CELValue, _ arguments: CELValue) -> CELValue {
        guard case .string(let text) = template, case .list(let values) = arguments else {
            return noOverload("format", template, arguments)
        }
        var output = ""
        var scalars = text.unicodeScalars.makeIterator()
        var nextArgument = 0
        while let scalar = scalars.next() {
            guard scalar == "%" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            guard var clause = scalars.next() else {
                return .error(.invalidArgument("could not parse formatting clause: unexpected end of string"))
            }
            if clause == "%" {
                output += "%"
                continue
            }
            var precision: Int?
            if clause == "." {
                var digits = ""
                while let next = scalars.next() {
                    if ("0"..."9").contains(next) {
                        digits.unicodeScalars.append(next)
                    } else {
                        clause = next
                        break
                    }
                }
                guard let value = Int(digits), value <= 100 else {
                    return .error(.invalidArgument("could not parse formatting clause: invalid precision"))
                }
                precision = value
            }
            guard "sdfeboxX".unicodeScalars.contains(clause) else {
                return .error(.invalidArgument(
                    "could not parse formatting clause: unrecognized formatting clause \"\(clause)\""))
            }
            guard nextArgument < values.count else {
                return .error(.invalidArgument("index \(nextArgument) out of range"))
            }
            let value = values[nextArgument]
            nextArgument += 1
            switch formatClause(Character(clause), precision: precision, value: value) {
            case .success(let text): output += text
            case .failure(let error): return .error(error)
            }
        }
        return .string(output)
    }

    private static func failure(_ message: String, _ value: CELValue) -> Result<String, CELError> {
        .failure(.invalidArgument("error during formatting: \(message), was given \(value.celType.runtimeName)"))
    }

    static func formatClause(_ clause: Character, precision: Int?, value: CELValue) -> Result<String, CELError> {
        switch clause {
        case "s": return asString(value)
        case "d":
            switch value {
            case .int(let v): return .success(String(v))
            case .uint(let v): return .success(String(v))
            case .double(let v) where !v.isFinite: return .success(special(v))
            default: return failure("decimal clause can only be used on integers", value)
            }
        case "f", "e":
            let number: Double
            switch value {
            case .double(let v): number = v
            case .int(let v): number = Double(v)
            case .uint(let v): number = Double(v)
            default:
                return failure(clause == "f" ? "fixed-point clause can only be used on doubles"
                    : "scientific clause can only be used on doubles", value)
            }
            if !number.isFinite { return .success(special(number)) }
            return .success(String(format: "%.\(precision ?? 6)\(clause)", number))
        case "b":
            switch value {
            case .int(let v): return .success(v < 0 ? "-" + String(v.magnitude, radix: 2) : String(v, radix: 2))
            case .uint(let v): return .success(String(v, radix: 2))
            case .bool(let v): return .success(v ? "1" : "0")
            default: return failure("only integers and bools can be formatted as binary", value)
            }
        case "o":
            switch value {
            case .int(let v): return .success(v < 0 ? "-" + String(v.magnitude, radix: 8) : String(v, radix: 8))
            case .uint(let v): return .success(String(v, radix: 8))
            default: return failure("octal clause can only be used on integers", value)
            }
        case "x", "X":
            let upper = clause == "X"
            let text: String
            switch value {
            case .int(let v): text = v < 0 ? "-" + String(v.magnitude, radix: 16) : String(v, radix: 16)
            case .uint(let v): text = String(v, radix: 16)
            case .string(let s): text = s.utf8.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
            case .bytes(let b): text = b.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
            default: return failure("only integers, byte buffers, and strings can be formatted as hex", value)
            }
            return .success(upper ? text.uppercased() : text)
        default:
            return .failure(.invalidArgument("could not parse formatting clause: unrecognized formatting clause \"\(clause)\""))
        }
    }

    static func special(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        return value > 0 ? "Infinity" : "-Infinity"
    }

    static func asString(_ value: CELValue) -> Result<String, CELError> {
        switch value {
        case .string(let s): return .success(s)
        case .bytes(let b): return .success(String(decoding: b, as: UTF8.self))
        case .double(let v) where !v.isFinite: return .success(special(v))
        case .list(let elements):
            var parts: [String] = []
            for element in elements {
                switch asString(element) {
                case .success(let text): parts.append(text)
                case .failure(let error): return .failure(error)
                }
            }
            return .success("[" + parts.joined(separator: ", ") + "]")
        case .map(let map):
            var parts: [(String, String)] = []
            for (key, element) in zip(map.keys, map.values) {
                guard case .success(let k) = asString(key) else { return asString(key) }
                switch asString(element) {
                case .success(let v): parts.append((k, v))
                case .failure(let error): return .failure(error)
                }
            }
            parts.sort { $0.0 < $1.0 }
            return .success("{" + parts.map { "\($0): \($1)" }.joined(separator: ", ") + "}")
        case .object:
            return failure(
                "string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps",
                value)
        default:
            switch Conversions.toString(value) {
            case .string(let s): return .success(s)
            case .error(let error): return .failure(error)
            default: return failure("string clause cannot format", value)
            }
        }
    }
}
