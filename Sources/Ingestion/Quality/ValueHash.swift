/// A fast 64-bit hash of a value's UTF-8 bytes, eight at a time (the quality report hashes
/// every value of every row: a byte-at-a-time FNV loop was a twentieth of the whole ingest).
/// Deterministic across runs and machines of the same byte order, unlike `Hasher`.
enum ValueHash {
    static func hash(_ value: String, seed: UInt64 = 0x243F_6A88_85A3_08D3) -> UInt64 {
        var copy = value
        return copy.withUTF8 { hash($0, seed: seed) }
    }

    /// Chains value hashes in order, so a row's hash tells its values apart by place (each
    /// value's hash includes its length: ["ab", "c"] and ["a", "bc"] differ).
    @inline(__always)
    static func combine(_ row: UInt64, _ value: UInt64) -> UInt64 {
        let h = (row ^ value) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 32)
    }

    static func hash(_ u: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0x243F_6A88_85A3_08D3) -> UInt64 {
        let n = u.count
        var h = seed ^ (UInt64(n) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        if let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 29
                i += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(u[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}
