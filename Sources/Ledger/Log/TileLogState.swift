/// The right edge of a tiled log in memory: the partial tile on every level and the
/// partial entry bundle. Appending is pure; the files to write are handed out by
/// `drainWrites()`, and the log decides when to make them durable.
struct TileLogState {
    private(set) var size: UInt64 = 0
    /// `partial[t]` holds the hashes of the rightmost, incomplete tile on tile level `t`.
    private var partial: [[MerkleHash]] = [[]]
    private var bundle: [UInt8] = []
    private var completed: [(path: String, bytes: [UInt8])] = []
    private var nodeRecords: [(offset: Int, bytes: [UInt8])] = []
    /// Bit `t` set: the partial tile on tile level `t` changed since the last drain.
    private var dirtyLevels: UInt64 = 0
    /// With `journaling`, the entries appended since the last `drainJournal()`, in entry
    /// bundle encoding, for the log's commit journal.
    var journaling = false
    private var journalEntries: [UInt8] = []
    private var journalCount = 0

    init() {}

    /// Appends an entry and returns its index.
    mutating func append(entry: UnsafeRawBufferPointer) throws -> UInt64 {
        guard entry.count <= TileCodec.maximumEntryBytes else {
            throw LedgerError(.entryTooLarge, "entry of \(entry.count) bytes exceeds \(TileCodec.maximumEntryBytes)")
        }
        let index = size
        TileCodec.appendEntry(entry, to: &bundle)
        if journaling {
            TileCodec.appendEntry(entry, to: &journalEntries)
            journalCount += 1
        }
        size += 1
        if size & 255 == 0 {
            completed.append((TilePath.entryBundle(index: index >> 8), bundle))
            bundle.removeAll(keepingCapacity: true)
        }
        push(RFC9162.leafHash(entry), level: 0)
        return index
    }

    private mutating func push(_ hash: MerkleHash, level: Int) {
        if level == partial.count { partial.append([]) }
        partial[level].append(hash)
        dirtyLevels |= 1 << UInt64(level)
        guard partial[level].count == TilePath.tileWidth else { return }
        let tile = partial[level]
        // The tile's index: how many full tiles precede it on this level.
        let index = (size >> UInt64(8 * (level + 1))) - 1
        completed.append((TilePath.tile(level: level, index: index), TileCodec.encodeTile(tile)))
        partial[level].removeAll(keepingCapacity: true)
        if level == 0 {
            let record = NodeIndex.record(ofFullTile: tile)
            nodeRecords.append((NodeIndex.offset(ofTile: index), record.bytes))
            push(record.root, level: level + 1)
        } else {
            push(Self.perfectRoot(tile[...]), level: level + 1)
        }
    }

    /// The entries appended since the last drain (bundle encoding) and their count.
    mutating func drainJournal() -> (bytes: [UInt8], count: Int) {
        defer {
            journalEntries.removeAll(keepingCapacity: true)
            journalCount = 0
        }
        return (journalEntries, journalCount)
    }

    /// The node-index records of level-0 tiles completed since the last drain.
    mutating func drainNodeRecords() -> [(offset: Int, bytes: [UInt8])] {
        defer { nodeRecords.removeAll() }
        return nodeRecords
    }

    /// How many completed tiles and bundles wait to be drained.
    var completedCount: Int { completed.count }

    /// Forgets the first completed files and node records, written by another copy of this
    /// state (the committed one, while newer entries are staged here).
    mutating func dropWritten(completed completedCount: Int, nodeRecords nodeRecordCount: Int) {
        completed.removeFirst(min(completedCount, completed.count))
        nodeRecords.removeFirst(min(nodeRecordCount, nodeRecords.count))
    }

    /// The full tiles and bundles completed since the last drain.
    mutating func drainCompleted() -> [(path: String, bytes: [UInt8])] {
        defer { completed.removeAll() }
        return completed
    }

    /// The files changed since the last call: completed tiles and bundles, then the
    /// current partial ones.
    mutating func drainWrites() -> [(path: String, bytes: [UInt8])] {
        drainCompleted() + drainEdge()
    }

    /// The right edge: the partial tiles and the partial entry bundle that changed since
    /// the last drain, at the current size.
    mutating func drainEdge() -> [(path: String, bytes: [UInt8])] {
        var writes: [(path: String, bytes: [UInt8])] = []
        for level in partial.indices where dirtyLevels & (1 << UInt64(level)) != 0 && !partial[level].isEmpty {
            let index = size >> UInt64(8 * (level + 1))
            writes.append(
                (
                    TilePath.tile(level: level, index: index, width: partial[level].count),
                    TileCodec.encodeTile(partial[level])
                ))
        }
        let bundleWidth = Int(size & 255)
        if dirtyLevels & 1 != 0, bundleWidth > 0 {
            writes.append((TilePath.entryBundle(index: size >> 8, width: bundleWidth), bundle))
        }
        dirtyLevels = 0
        return writes
    }

    /// The root of the whole tree.
    func root() -> MerkleHash {
        // Perfect subtrees from left to right: higher tile levels cover earlier leaves.
        var nodes: [MerkleHash] = []
        for level in partial.indices.reversed() {
            var hashes = partial[level][...]
            var chunk = TilePath.tileWidth / 2
            while !hashes.isEmpty {
                if hashes.count >= chunk {
                    nodes.append(Self.perfectRoot(hashes.prefix(chunk)))
                    hashes = hashes.dropFirst(chunk)
                }
                chunk /= 2
            }
        }
        guard var root = nodes.popLast() else { return RFC9162.emptyRoot }
        while let left = nodes.popLast() { root = RFC9162.nodeHash(left, root) }
        return root
    }

    /// The root of a power-of-two run of hashes.
    static func perfectRoot(_ hashes: ArraySlice<MerkleHash>) -> MerkleHash {
        var level = Array(hashes)
        while level.count > 1 {
            var next: [MerkleHash] = []
            next.reserveCapacity(level.count / 2)
            var i = 0
            while i + 1 < level.count {
                next.append(RFC9162.nodeHash(level[i], level[i + 1]))
                i += 2
            }
            level = next
        }
        return level[0]
    }

    /// Rebuilds the right edge of a tree of `size` leaves from storage.
    static func load(size: UInt64, storage: any LogStorage) throws -> TileLogState {
        var state = TileLogState()
        state.size = size
        var level = 0
        state.partial = []
        while level == 0 || size >> UInt64(8 * level) > 0 {
            let width = TilePath.partialWidth(level: level, size: size)
            var hashes: [MerkleHash] = []
            if width > 0 {
                let path = TilePath.tile(level: level, index: size >> UInt64(8 * (level + 1)), width: width)
                guard let bytes = try storage.read(path) else {
                    throw LedgerError(.missingTile, "tile \(path) is missing")
                }
                guard bytes.count == width * 32, let decoded = TileCodec.decodeTile(bytes) else {
                    throw LedgerError(.corruptTile, "tile \(path) has \(bytes.count) bytes, expected \(width * 32)")
                }
                hashes = decoded
            }
            state.partial.append(hashes)
            level += 1
        }
        let bundleWidth = Int(size & 255)
        if bundleWidth > 0 {
            let path = TilePath.entryBundle(index: size >> 8, width: bundleWidth)
            guard let bytes = try storage.read(path) else {
                throw LedgerError(.missingTile, "entry bundle \(path) is missing")
            }
            let entries = try TileCodec.decodeBundle(bytes)
            guard entries.count == bundleWidth else {
                throw LedgerError(
                    .corruptEntryBundle, "entry bundle \(path) holds \(entries.count) entries, expected \(bundleWidth)")
            }
            for (i, entry) in entries.enumerated() where RFC9162.leafHash(entry) != state.partial[0][i] {
                throw LedgerError(
                    .corruptEntryBundle, "entry \((size & ~255) + UInt64(i)) does not match its leaf hash")
            }
            state.bundle = bytes
        }
        return state
    }
}
