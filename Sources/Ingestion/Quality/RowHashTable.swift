/// The first line of each accepted row's hash, for the duplicate check: an open-addressing table
/// keyed by the row hash itself (already well mixed), so an insert is one probe or two instead of
/// a `Dictionary`'s SipHash of the key and its bookkeeping. It runs on the consumer's thread,
/// once per accepted row, where a `Dictionary` was a twentieth of the dry run. Each slot keeps
/// its hash and its line side by side, so a probe of a table far larger than the cache touches
/// one cache line rather than one in each of two arrays.
struct RowHashTable {
    /// Slot `s` is `slots[2 * s]` (the hash; 0 marks a free slot, a real hash of 0 is stored
    /// as 1) and `slots[2 * s + 1]` (the line).
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity { size <<= 1 }
        slots = Array(repeating: 0, count: 2 * size)
        mask = size - 1
    }

    /// The line stored for `hash`, or nil after storing `line` for it.
    mutating func firstLine(of hash: UInt64, orInsert line: Int) -> Int? {
        let key = hash == 0 ? 1 : hash
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let found = slots[2 * slot]
            if found == key { return Int(truncatingIfNeeded: slots[2 * slot + 1]) }
            if found == 0 { break }
            slot = (slot + 1) & mask
        }
        slots[2 * slot] = key
        slots[2 * slot + 1] = UInt64(truncatingIfNeeded: line)
        count += 1
        // Kept at most three quarters full, so probes stay short.
        if count * 4 > (mask + 1) * 3 { grow() }
        return nil
    }

    /// Makes room for `capacity` hashes at most three quarters full (no-op if there is room).
    mutating func reserve(_ capacity: Int) {
        var size = mask + 1
        while capacity * 4 > size * 3 { size <<= 1 }
        if size > mask + 1 { resize(to: size) }
    }

    private mutating func grow() {
        resize(to: (mask + 1) * 2)
    }

    private mutating func resize(to size: Int) {
        let old = slots
        slots = Array(repeating: 0, count: 2 * size)
        mask = size - 1
        var s = 0
        while s < old.count {
            if old[s] != 0 {
                var slot = Int(truncatingIfNeeded: old[s]) & mask
                while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
                slots[2 * slot] = old[s]
                slots[2 * slot + 1] = old[s + 1]
            }
            s += 2
        }
    }
}
