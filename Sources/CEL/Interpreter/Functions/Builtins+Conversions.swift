/// Type conversion functions: `int`, `uint`, `double`, `string`, `bytes`, `bool`, `type`, `dyn`.
enum Conversions {
    static func toInt(_ value: CELValue) -> CELValue {
        switch value {
        case .int: return value
        case .uint(let v):
            guard let result = Int64(exactly: v) else { return .error(.range("range error: uint out of int range")) }
            return .int(result)
        case .double(let v):
            guard v.isFinite, v > -9_223_372_036_854_775_808.0, v < 9_223_372_036_854_775_807.0 else {
                return .error(.range("range error: double out of int range"))
            }
            return .int(Int64(v.rounded(.towardZero)))
        case .string(let s):
            guard let result = Int64(s) else { return .error(.conversion("Type conversion error: int('\(s)')")) }
            return .int(result)
        case .timestamp(let t): return .int(t.seconds)
        case .error: return value
        default: return noOverload("int", value)
        }
    }

    static func toUInt(_ value: CELValue) -> CELValue {
        switch value {
        case .uint: return value
        case .int(let v):
            guard v >= 0 else { return .error(.range("range error: negative int to uint")) }
            return .uint(UInt64(v))
        case .double(let v):
            guard v.isFinite, v > -1, v < 18_446_744_073_709_551_616.0 else {
                return .error(.range("range error: double out of uint range"))
            }
            return .uint(UInt64(v.rounded(.towardZero)))
        case .string(let s):
            guard let result = UInt64(s) else { return .error(.conversion("Type conversion error: uint('\(s)')")) }
            return .uint(result)
        case .error: return value
        default: return noOverload("uint", value)
        }
    }

    static func toDouble(_ value: CELValue) -> CELValue {
        switch value {
        case .double: return value
        case .int(let v): return .double(Double(v))
        case .uint(let v): return .double(Double(v))
        case .string(let s):
            switch s {
            case "NaN": return .double(.nan)
            case "Infinity", "+Infinity", "inf", "+inf": return .double(.infinity)
            case "-Infinity", "-inf": return .double(-.infinity)
            default:
                guard let result = Double(s) else { return .error(.conversion("Type conversion error: double('\(s)')")) }
                return .double(result)
            }
        case .error: return value
        default: return noOverload("double", value)
        }
    }

    static func toString(_ value: CELValue) -> CELValue {
        switch value {
        case .string: return value
        case .int(let v): return .string(String(v))
        case .uint(let v): return .string(String(v))
        case .double(let v): return .string(CELValue.formatDouble(v))
        case .bool(let v): return .string(String(v))
        case .bytes(let v):
            guard let text = String(validating: v, as: UTF8.self) else {
                return .error(.conversion("invalid UTF-8 in bytes, cannot convert to string"))
            }
            return .string(text)
        case .duration(let d): return .string(CELValue.formatDuration(d))
        case .timestamp(let t): return .string(CELValue.formatTimestamp(t))
        case .type(let t): return .string(t.runtimeName)
        case .null: return .string("null")
        case .error: return value
        default: return noOverload("string", value)
        }
    }

    static func toBytes(_ value: CELValue) -> CELValue {
        switch value {
        case .bytes: return value
        case .string(let s): return .bytes(Array(s.utf8))
        case .error: return value
        default: return noOverload("bytes", value)
        }
    }

    static func toBool(_ value: CELValue) -> CELValue {
        switch value {
        case .bool: return value
        case .string(let s):
            switch s {
            case "1", "t", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "false", "FALSE", "False": return .bool(false)
            default: return .error(.conversion("Type conversion error: bool('\(s)')"))
            }
        case .error: return value
        default: return noOverload("bool", value)
        }
    }

    static func typeOf(_ value: CELValue) -> CELValue {
        if value.isError { return value }
        return .type(value.celType)
    }

    static func toDuration(_ value: CELValue) -> CELValue {
        switch value {
        case .duration: return value
        case .string(let s):
            guard let duration = TimeParsing.parseDuration(s) else {
                return .error(.range("invalid duration or out of range: '\(s)'"))
            }
            return .duration(duration)
        case .int(let seconds):
            guard let duration = CELDuration(seconds: seconds) else { return .error(.range("duration out of range")) }
            return .duration(duration)
        case .error: return value
        default: return noOverload("duration", value)
        }
    }

    static func toTimestamp(_ value: CELValue) -> CELValue {
        switch value {
        case .timestamp: return value
        case .string(let s):
            guard let timestamp = TimeParsing.parseTimestamp(s) else {
                return .error(.range("invalid timestamp or out of range: '\(s)'"))
            }
            return .timestamp(timestamp)
        case .int(let seconds):
            guard let timestamp = CELTimestamp(seconds: seconds) else { return .error(.range("timestamp out of range")) }
            return .timestamp(timestamp)
        case .error: return value
        default: return noOverload("timestamp", value)
        }
    }
}
