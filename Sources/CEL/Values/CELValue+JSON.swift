import Foundation

extension CELValue {
    /// Converts a JSON value (from `JSONSerialization`) to CEL: integral numbers become ints,
    /// other numbers doubles, objects maps with string keys.
    public init(json: Any) {
        switch json {
        case is NSNull: self = .null
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else if let exact = Int64(exactly: number.doubleValue), !"\(number)".contains(".") {
                self = .int(exact)
            } else {
                self = .double(number.doubleValue)
            }
        case let string as String: self = .string(string)
        case let array as [Any]: self = .list(array.map { CELValue(json: $0) })
        case let object as [String: Any]: self = .map(CELMap(object.mapValues { CELValue(json: $0) }))
        default: self = .null
        }
    }

    /// A JSON-compatible rendering: ints and doubles as numbers, uints as numbers, bytes as base64,
    /// durations and timestamps as strings, errors as `{"error": …}`.
    public var jsonObject: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let v): return v
        case .int(let v): return v
        case .uint(let v): return v
        case .double(let v): return v.isFinite ? v as Any : CELValue.formatDouble(v) as Any
        case .string(let v): return v
        case .bytes(let v): return Data(v).base64EncodedString()
        case .list(let elements): return elements.map(\.jsonObject)
        case .map(let map):
            var object: [String: Any] = [:]
            for (key, value) in zip(map.keys, map.values) {
                let name: String
                if case .string(let text) = key { name = text } else { name = key.debugLiteral }
                object[name] = value.jsonObject
            }
            return object
        case .type(let type): return type.runtimeName
        case .duration(let d): return CELValue.formatDuration(d)
        case .timestamp(let t): return CELValue.formatTimestamp(t)
        case .object(let object): return ["@type": Swift.type(of: object).celTypeName]
        case .error(let error):
            var object: [String: Any] = ["error": error.reason, "code": error.code.description]
            if let location = error.location { object["line"] = location.line; object["column"] = location.column }
            return object
        }
    }
}
