/// A CEL type, used by the checker and as a runtime value (`type(x)`).
public indirect enum CELType: Hashable, Sendable, CustomStringConvertible {
    /// Primitive types.
    case null, bool, int, uint, double, string, bytes
    /// google.protobuf.Duration and google.protobuf.Timestamp.
    case duration, timestamp
    /// A list with its element type.
    case list(CELType)
    /// A map with its key and value types.
    case map(CELType, CELType)
    /// The type of types; the parameter is the type described, when known.
    case type(CELType?)
    /// A host object type declared with ``CELEnvironment/declareObject(_:fields:)``.
    case object(String)
    /// Any type, checked at run time.
    case dyn
    /// A type parameter in a function signature (e.g. `A` in `list(A)`).
    case parameter(String)
    /// The type of an erroneous expression.
    case error

    public var description: String {
        switch self {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .duration: return "google.protobuf.Duration"
        case .timestamp: return "google.protobuf.Timestamp"
        case .list(let element): return "list(\(element))"
        case .map(let key, let value): return "map(\(key), \(value))"
        case .type(let described): return described.map { "type(\($0))" } ?? "type"
        case .object(let name): return name
        case .dyn: return "dyn"
        case .parameter(let name): return name
        case .error: return "*error*"
        }
    }

    /// The name of the type as a runtime value: `list`, `map`, `type` without parameters.
    public var runtimeName: String {
        switch self {
        case .list: return "list"
        case .map: return "map"
        case .type: return "type"
        default: return description
        }
    }

    /// Built-in types that can be named in expressions (`int`, `list`, `google.protobuf.Timestamp`, …).
    static let namedTypes: [String: CELType] = [
        "null_type": .null, "bool": .bool, "int": .int, "uint": .uint, "double": .double, "string": .string,
        "bytes": .bytes, "list": .list(.dyn), "map": .map(.dyn, .dyn), "type": .type(nil),
        "google.protobuf.Duration": .duration, "google.protobuf.Timestamp": .timestamp,
    ]
}
