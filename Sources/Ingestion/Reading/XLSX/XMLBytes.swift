/// Byte-level helpers shared by the XLSX scanners, which read XML as raw UTF-8 bytes
/// (no String per element) for speed.
enum XMLBytes {
    /// XML white space (space, tab, line feed, carriage return).
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Whether `literal` occurs in `p` at `i`.
    static func starts(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= p.count else { return false }
        let s = literal.utf8Start
        for k in 0..<count where p[i + k] != s[k] { return false }
        return true
    }

    /// The first index at or after `start` where `literal` occurs in `p`.
    static func find(_ p: UnsafeBufferPointer<UInt8>, from start: Int, _ literal: StaticString) -> Int? {
        var i = start
        while i + literal.utf8CodeUnitCount <= p.count {
            if starts(p, i, literal) { return i }
            i += 1
        }
        return nil
    }
}
