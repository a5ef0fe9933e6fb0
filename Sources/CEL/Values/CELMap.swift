/// A CEL map: insertion-ordered entries with bool, int, uint or string keys.
/// Numeric keys compare by value across int and uint (`{1: 'a'}[1u] == 'a'`).
public struct CELMap: Sendable {
    /// A normalized key: uints that fit int64 are stored as ints so `1` and `1u` collide.
    enum Key: Hashable, Sendable {
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case string(String)

        init?(_ value: CELValue) {
            switch value {
            case .bool(let value): self = .bool(value)
            case .int(let value): self = .int(value)
            case .uint(let value): self = value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
            case .string(let value): self = .string(value)
            default: return nil
            }
        }

        /// A lookup key: also accepts doubles with an exact integer value.
        init?(lookup value: CELValue) {
            if case .double(let double) = value {
                if let exact = Int64(exactly: double) {
                    self = .int(exact)
                } else if let exact = UInt64(exactly: double) {
                    self = .uint(exact)
                } else {
                    return nil
                }
                return
            }
            self.init(value)
        }
    }

    private(set) var keys: [CELValue] = []
    private(set) var values: [CELValue] = []
    private var index: [Key: Int] = [:]

    /// An empty map.
    public init() {}

    /// Builds a map from entries; returns an error value for repeated or unsupported keys.
    public static func make(_ entries: [(CELValue, CELValue)]) -> Result<CELMap, CELError> {
        var map = CELMap()
        map.keys.reserveCapacity(entries.count)
        map.values.reserveCapacity(entries.count)
        for (key, value) in entries {
            if case .error(let error) = key { return .failure(error) }
            if case .error(let error) = value { return .failure(error) }
            guard let normalized = Key(key) else {
                return .failure(CELError(code: .unsupportedKeyType, reason: "unsupported key type: \(key.celType)"))
            }
            if map.index[normalized] != nil {
                return .failure(CELError(code: .repeatedKey, reason: "Failed with repeated key: \(key.debugLiteral)"))
            }
            map.index[normalized] = map.keys.count
            map.keys.append(key)
            map.values.append(value)
        }
        return .success(map)
    }

    /// Builds a map with string keys (later duplicates win).
    public init(_ dictionary: [String: CELValue]) {
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) { self[.string(key)] = value }
    }

    /// Number of entries.
    public var count: Int { keys.count }

    /// The entries in insertion order.
    public var entries: [(key: CELValue, value: CELValue)] { Array(zip(keys, values)).map { (key: $0.0, value: $0.1) } }

    /// Reads or writes the value for a key. Reads accept doubles with integral values.
    public subscript(key: CELValue) -> CELValue? {
        get {
            guard let normalized = Key(lookup: key), let position = index[normalized] else { return nil }
            return values[position]
        }
        set {
            guard let normalized = Key(key) else { return }
            if let position = index[normalized] {
                if let newValue {
                    values[position] = newValue
                } else {
                    keys.remove(at: position)
                    values.remove(at: position)
                    index = [:]
                    for (offset, existing) in keys.enumerated() { if let k = Key(existing) { index[k] = offset } }
                }
            } else if let newValue {
                index[normalized] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Fast path for string keys (field selection).
    func value(forString key: String) -> CELValue? {
        guard let position = index[.string(key)] else { return nil }
        return values[position]
    }
}
