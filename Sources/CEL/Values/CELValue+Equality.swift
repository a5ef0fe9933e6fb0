import Foundation

extension CELValue {
    /// CEL equality (`==`): numbers compare by value across int, uint and double; values of
    /// different kinds are unequal; lists and maps compare element-wise. Errors are not handled here.
    public static func celEquals(_ lhs: CELValue, _ rhs: CELValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.uint(let a), .uint(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return stringsEqual(a, b)
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.int, .uint), (.uint, .int), (.int, .double), (.double, .int), (.uint, .double), (.double, .uint):
            return compareNumbers(lhs, rhs) == 0
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where !celEquals(x, y) { return false }
            return true
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in zip(a.keys, a.values) {
                guard let other = b[key], celEquals(value, other) else { return false }
            }
            return true
        case (.type(let a), .type(let b)): return a.runtimeName == b.runtimeName
        case (.duration(let a), .duration(let b)): return a == b
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.object(let a), .object(let b)): return a.isEqual(to: b)
        default: return false
        }
    }

    /// Code-point equality of two strings (Swift's `==` uses canonical equivalence instead).
    @inline(__always)
    /// -1, 0 or 1 as `a` sorts before, equal to or after `b` by UTF-8 bytes (code point order).
    static func utf8Order(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if order != 0 { return order < 0 ? -1 : 1 }
                }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
    }

    static func stringsEqual(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }

    /// Ordering for `<`, `<=`, `>`, `>=`: -1, 0 or 1, or nil when the values are not comparable
    /// (different kinds, NaN).
    public static func celCompare(_ lhs: CELValue, _ rhs: CELValue) -> Int? {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (!a ? -1 : 1)
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.uint(let a), .uint(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return nil }
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): return utf8Order(a, b)
        case (.bytes(let a), .bytes(let b)):
            if a == b { return 0 }
            return a.lexicographicallyPrecedes(b) ? -1 : 1
        case (.duration(let a), .duration(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.timestamp(let a), .timestamp(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.int, .uint), (.uint, .int), (.int, .double), (.double, .int), (.uint, .double), (.double, .uint):
            return compareNumbers(lhs, rhs)
        default: return nil
        }
    }

    /// Exact comparison of two numbers of any numeric kinds; nil for NaN or non-numbers.
    static func compareNumbers(_ lhs: CELValue, _ rhs: CELValue) -> Int? {
        switch (lhs, rhs) {
        case (.int(let a), .uint(let b)):
            if a < 0 { return -1 }
            let ua = UInt64(a)
            return ua < b ? -1 : (ua == b ? 0 : 1)
        case (.uint, .int): return compareNumbers(rhs, lhs).map { -$0 }
        case (.int(let a), .double(let b)): return compareIntDouble(a, b)
        case (.double, .int): return compareNumbers(rhs, lhs).map { -$0 }
        case (.uint(let a), .double(let b)): return compareUIntDouble(a, b)
        case (.double, .uint): return compareNumbers(rhs, lhs).map { -$0 }
        default: return celCompare(lhs, rhs)
        }
    }

    /// Like cel-go: out-of-range doubles order outside the int range; otherwise the int is
    /// converted to double (lossy above 2^53).
    private static func compareIntDouble(_ a: Int64, _ b: Double) -> Int? {
        if b.isNaN { return nil }
        if b < -9_223_372_036_854_775_808.0 { return 1 }
        if b > 9_223_372_036_854_775_808.0 { return -1 }
        let converted = Double(a)
        return converted < b ? -1 : (converted == b ? 0 : 1)
    }

    private static func compareUIntDouble(_ a: UInt64, _ b: Double) -> Int? {
        if b.isNaN { return nil }
        if b < 0 { return 1 }
        if b > 18_446_744_073_709_551_616.0 { return -1 }
        let converted = Double(a)
        return converted < b ? -1 : (converted == b ? 0 : 1)
    }
}

extension CELValue: Equatable {
    /// Swift equality: the same kind and CEL-equal (`.int(1) != .uint(1)`, unlike `1 == 1u` in CEL);
    /// errors are equal when their codes are.
    public static func == (lhs: CELValue, rhs: CELValue) -> Bool {
        switch (lhs, rhs) {
        case (.error(let a), .error(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in zip(a.keys, a.values) where b[key] != value { return false }
            return true
        default:
            return lhs.celType.runtimeName == rhs.celType.runtimeName && celEquals(lhs, rhs)
        }
    }
}
