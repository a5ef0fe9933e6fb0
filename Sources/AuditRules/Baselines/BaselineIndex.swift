/// The resolved baselines of ``BaselineTable`` by key, in an open-addressing table: a batch
/// looks a baseline up for every settlement (and the native terms for every payment they
/// compare), and hashing the key with the standard library's seeded hasher cost more than the
/// comparison it serves. Keys are mixed with one multiplication and probed linearly.
struct BaselineIndex: Sendable {
    private var keys: [BaselineTable.Key] = []
    private var values: [Baseline] = []
    /// Slot → position in `keys` and `values`, or -1; a power of two, at most half full.
    private var slots: [Int32] = [-1]
    private var shift = 63

    init() {}

    init(_ entries: [BaselineTable.Key: Baseline]) {
        var capacity = 1
        var bits = 0
        while capacity < entries.count * 2 {
            capacity <<= 1
            bits += 1
        }
        slots = [Int32](repeating: -1, count: capacity)
        shift = 64 - max(bits, 1)
        // Sorted, so the table is laid out the same in every run (the dictionary's order is not).
        for (key, value) in entries.sorted(by: { Self.packed($0.key) < Self.packed($1.key) }) {
            var slot = slot(of: key)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(keys.count)
            keys.append(key)
            values.append(value)
        }
    }

    /// The baseline stored for exactly this key, if any.
    @inline(__always)
    func find(_ key: BaselineTable.Key) -> Baseline? {
        var slot = slot(of: key)
        while true {
            let n = slots[slot]
            if n < 0 { return nil }
            if keys[Int(n)] == key { return values[Int(n)] }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    var count: Int { keys.count }

    @inline(__always)
    private func slot(of key: BaselineTable.Key) -> Int {
        // Fibonacci hashing of the packed key: the top bits of the product.
        slots.count == 1 ? 0 : Int(truncatingIfNeeded: (Self.packed(key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    @inline(__always)
    private static func packed(_ key: BaselineTable.Key) -> UInt64 {
        (UInt64(UInt32(bitPattern: key.region)) << 32 | UInt64(UInt32(bitPattern: key.period))) ^ UInt64(key.kind) << 56
    }
}
