/// A CEL runtime value. Errors are values too: evaluation never throws.
///
/// Large payloads (maps, host objects, errors) are boxed so that a value stays 17 bytes and
/// copies are cheap; build `.object(…)` values once and reuse them when evaluating many times.
public enum CELValue: Sendable {
    /// `null`.
    case null
    /// A boolean.
    case bool(Bool)
    /// A signed 64-bit integer.
    case int(Int64)
    /// An unsigned 64-bit integer.
    case uint(UInt64)
    /// A 64-bit float.
    case double(Double)
    /// A Unicode string (sizes and indices count code points).
    case string(String)
    /// A byte string.
    case bytes([UInt8])
    /// A list.
    case list([CELValue])
    /// A map with bool, int, uint or string keys.
    indirect case map(CELMap)
    /// A type used as a value, e.g. the result of `type(1)` or the identifier `int`.
    case type(CELType)
    /// A duration (google.protobuf.Duration).
    case duration(CELDuration)
    /// A timestamp (google.protobuf.Timestamp).
    case timestamp(CELTimestamp)
    /// A host object whose fields are read lazily.
    indirect case object(any CELObject)
    /// An evaluation error.
    indirect case error(CELError)

    /// The runtime type of the value.
    public var celType: CELType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list(.dyn)
        case .map: return .map(.dyn, .dyn)
        case .type: return .type(nil)
        case .duration: return .duration
        case .timestamp: return .timestamp
        case .object(let object):
            if let record = object as? CELRecord { return .object(record.typeName) }
            return .object(Swift.type(of: object).celTypeName)
        case .error: return .error
        }
    }

    /// True for ``error(_:)``.
    @inlinable public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// The error carried by the value, if it is one.
    public var error: CELError? {
        if case .error(let error) = self { return error }
        return nil
    }
}

extension CELValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral
{
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: CELValue...) { self = .list(elements) }
}
