import Foundation

/// The standard library's runtime implementations, looked up by name and argument count.
enum Builtins {
    enum Implementation {
        case unary(@Sendable (CELValue) -> CELValue)
        case binary(@Sendable (CELValue, CELValue) -> CELValue)
        case variadic(@Sendable ([CELValue]) -> CELValue)
    }

    /// Functions whose names are reserved by the standard library (for `unbound function` errors).
    static func implementation(_ name: String, arity: Int) -> Implementation? {
        switch (name, arity) {
        case ("_+_", 2): return .binary(Arithmetic.add)
        case ("_-_", 2): return .binary(Arithmetic.subtract)
        case ("_*_", 2): return .binary(Arithmetic.multiply)
        case ("_/_", 2): return .binary(Arithmetic.divide)
        case ("_%_", 2): return .binary(Arithmetic.modulo)
        case ("-_", 1): return .unary(Arithmetic.negate)
        case ("!_", 1): return .unary(Arithmetic.not)
        case ("_==_", 2): return .binary { .bool(CELValue.celEquals($0, $1)) }
        case ("_!=_", 2): return .binary { .bool(!CELValue.celEquals($0, $1)) }
        case ("_<_", 2): return .binary { compare("_<_", $0, $1) { $0 < 0 } }
        case ("_<=_", 2): return .binary { compare("_<=_", $0, $1) { $0 <= 0 } }
        case ("_>_", 2): return .binary { compare("_>_", $0, $1) { $0 > 0 } }
        case ("_>=_", 2): return .binary { compare("_>=_", $0, $1) { $0 >= 0 } }
        case ("_[_]", 2): return .binary(index)
        case ("@in", 2): return .binary(contains)
        case ("size", 1): return .unary(Strings.size)
        case ("int", 1): return .unary(Conversions.toInt)
        case ("uint", 1): return .unary(Conversions.toUInt)
        case ("double", 1): return .unary(Conversions.toDouble)
        case ("string", 1): return .unary(Conversions.toString)
        case ("bytes", 1): return .unary(Conversions.toBytes)
        case ("bool", 1): return .unary(Conversions.toBool)
        case ("type", 1): return .unary(Conversions.typeOf)
        case ("dyn", 1): return .unary { $0 }
        case ("duration", 1): return .unary(Conversions.toDuration)
        case ("timestamp", 1): return .unary(Conversions.toTimestamp)
        case ("contains", 2): return .binary(Strings.contains)
        case ("startsWith", 2): return .binary(Strings.startsWith)
        case ("endsWith", 2): return .binary(Strings.endsWith)
        case ("matches", 2): return .binary { Regex.matches($0, $1, cache: nil) }
        case ("charAt", 2): return .binary(Strings.charAt)
        case ("indexOf", 2), ("indexOf", 3): return .variadic(Strings.indexOf)
        case ("lastIndexOf", 2), ("lastIndexOf", 3): return .variadic(Strings.lastIndexOf)
        case ("lowerAscii", 1): return .unary(Strings.lowerAscii)
        case ("upperAscii", 1): return .unary(Strings.upperAscii)
        case ("replace", 3), ("replace", 4): return .variadic(Strings.replace)
        case ("split", 2), ("split", 3): return .variadic(Strings.split)
        case ("substring", 2), ("substring", 3): return .variadic(Strings.substring)
        case ("trim", 1): return .unary(Strings.trim)
        case ("join", 1), ("join", 2): return .variadic(Strings.join)
        case ("reverse", 1): return .unary(Strings.reverse)
        case ("strings.quote", 1): return .unary(Strings.quote)
        case ("format", 2): return .binary(Formatting.format)
        default:
            if TimeAccessors.names.contains(name), arity == 1 || arity == 2 {
                return .variadic { TimeAccessors.call(name, $0) }
            }
            return nil
        }
    }

    static func compare(_ name: String, _ lhs: CELValue, _ rhs: CELValue, _ test: (Int) -> Bool) -> CELValue {
        if let order = CELValue.celCompare(lhs, rhs) { return .bool(test(order)) }
        if case .double(let a) = lhs, a.isNaN, CELValue.isNumber(rhs) { return .bool(false) }
        if case .double(let b) = rhs, b.isNaN, CELValue.isNumber(lhs) { return .bool(false) }
        return noOverload(name, lhs, rhs)
    }

    static func index(_ container: CELValue, _ key: CELValue) -> CELValue {
        switch container {
        case .list(let elements):
            let position: Int64
            switch key {
            case .int(let value): position = value
            case .uint(let value):
                guard let exact = Int64(exactly: value) else { return .error(.indexOutOfRange(Int64.max)) }
                position = exact
            case .double(let value):
                guard let exact = Int64(exactly: value) else {
                    return .error(.invalidArgument("invalid_argument: unsupported index value \(value)"))
                }
                position = exact
            default: return noOverload("_[_]", container, key)
            }
            guard position >= 0, position < elements.count else {
                return .error(.invalidArgument("invalid_argument: index out of range: \(position)"))
            }
            return elements[Int(position)]
        case .map(let map):
            if let value = map[key] { return value }
            switch key {
            case .bool, .int, .uint, .double, .string: return .error(.noSuchKey(key.debugLiteral))
            default: return .error(.noSuchKey(key.debugLiteral))
            }
        default:
            return noOverload("_[_]", container, key)
        }
    }

    static func contains(_ element: CELValue, _ container: CELValue) -> CELValue {
        switch container {
        case .list(let elements):
            for candidate in elements where CELValue.celEquals(candidate, element) { return .bool(true) }
            return .bool(false)
        case .map(let map):
            return .bool(map[element] != nil)
        default:
            return noOverload("@in", element, container)
        }
    }
}

extension CELValue {
    static func isNumber(_ value: CELValue) -> Bool {
        switch value {
        case .int, .uint, .double: return true
        default: return false
        }
    }
}
