/// The first line of each accepted row's hash, for the duplicate check: an open-addressing table
/// keyed by the row hash itself (already well mixed), so an insert is one probe or two instead of
/// a `Dictionary`'s SipHash of the key and its bookkeeping. It runs on the consumer's thread,
/// once per accepted row, where a `Dictionary` was a twentieth of the dry run.
struct RowHashTable {
    /// Hashes, 0 marking a free slot (a real hash of 0 is stored as 1).
    private var keys: [UInt64]
    private var lines: [Int]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        lines = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The line stored for `hash`, or nil after storing `line` for it.
    mutating func firstLine(of hash: UInt64, orInsert line: Int) -> Int? {
        let key = hash == 0 ? 1 : hash
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let found = keys[slot]
            if found == key { return lines[slot] }
            if found == 0 { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        lines[slot] = line
        count += 1
        // Kept at most three quarters full, so probes stay short.
        if count * 4 > keys.count * 3 { grow() }
        return nil
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldLines = lines
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        lines = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for i in oldKeys.indices where oldKeys[i] != 0 {
            var slot = Int(truncatingIfNeeded: oldKeys[i]) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[i]
            lines[slot] = oldLines[i]
        }
    }
}
