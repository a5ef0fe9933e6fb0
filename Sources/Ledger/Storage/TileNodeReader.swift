#if canImport(Glibc)
    import Glibc
#endif

/// Reads perfect-subtree hashes of a tree of a given size from hash tiles, rebuilding the
/// levels between tile levels by hashing. Expanded tiles are cached up to a fixed count,
/// so memory stays bounded however large the log is.
///
/// Inside a full level-0 tile the hashes come from the ``NodeIndex`` (mapped, or one
/// positioned read into a buffer the reader owns). Inclusion proofs in the current tree
/// have a faster path: ``InclusionProver``.
public final class TileNodeReader: MerkleNodeReader {
    /// The tree size whose tiles are read (it decides which partial tiles exist).
    public let size: UInt64
    private let storage: any LogStorage
    private let capacity: Int
    private var current: [TileKey: [[MerkleHash]]] = [:]
    private var previous: [TileKey: [[MerkleHash]]] = [:]
    /// The tile used last on each tile level: a proof walks up one tile's levels before it
    /// moves on, and consecutive proofs share their upper tiles, so most lookups end here
    /// without hashing a key.
    private var lastKeys: [TileKey?] = Array(repeating: nil, count: 8)
    private var lastLevels: [[[MerkleHash]]] = Array(repeating: [], count: 8)
    /// One hash read from the node index when it is not mapped.
    private let record = UnsafeMutableRawBufferPointer.allocate(byteCount: MerkleHash.byteCount, alignment: 8)
    /// Tiles whose node-index record is absent or unwritten: read from the tile instead.
    private var unindexed: Set<UInt64> = []
    /// The node index mapped into memory (when the storage can): no system call per proof.
    private var indexMapping: UnsafeRawBufferPointer?
    private var triedMapping = false
    private var mappedTile: UInt64?
    private var mappedTilesSinceRelease = 0
    /// Roots of right-edge ranges (not perfect subtrees) of this tree, computed once.
    private var edgeRoots: [EdgeKey: MerkleHash] = [:]

    private struct TileKey: Hashable {
        let level: Int
        let index: UInt64
        let width: Int
    }

    private struct EdgeKey: Hashable {
        let start: UInt64
        let end: UInt64
    }

    private let useNodeIndex: Bool

    /// Creates a reader; `cacheCapacity` bounds the cached tiles (each about 16 KiB).
    /// With `useNodeIndex`, hashes inside full level-0 tiles come from the ``NodeIndex``.
    public init(storage: any LogStorage, size: UInt64, cacheCapacity: Int = 4096, useNodeIndex: Bool = true) {
        self.storage = storage
        self.useNodeIndex = useNodeIndex
        self.size = size
        self.capacity = max(2, cacheCapacity)
    }

    deinit {
        record.deallocate()
        if let indexMapping { storage.unmap(indexMapping) }
    }

    public func node(level: Int, index: UInt64) throws -> MerkleHash {
        guard level >= 0, level < 64 else { throw LedgerError(.sizeOutOfRange, "level \(level) out of range") }
        let tileLevel = level / 8
        let within = level % 8
        let first = index << UInt64(within)
        guard first >> UInt64(within) == index else { throw LedgerError(.sizeOutOfRange, "node index overflows") }
        let tileIndex = first >> 8
        let offset = Int(first & 255)
        let isFull = (size >> UInt64(8 * (tileLevel + 1))) > tileIndex
        let width = isFull ? TilePath.tileWidth : TilePath.partialWidth(level: tileLevel, size: size)
        let isPartialTile = !isFull && (size >> UInt64(8 * (tileLevel + 1))) == tileIndex
        guard isFull || isPartialTile, offset + (1 << within) <= width else {
            throw LedgerError(.sizeOutOfRange, "node (\(level), \(index)) is not complete in a tree of size \(size)")
        }
        if tileLevel == 0, isFull, useNodeIndex,
            let hash = try indexedNode(tile: tileIndex, level: within, offset: offset)
        {
            return hash
        }
        let key = TileKey(level: tileLevel, index: tileIndex, width: width)
        if key != lastKeys[tileLevel] { _ = try expandedTile(key) }
        return lastLevels[tileLevel][within][offset >> within]
    }

    public func rememberedRoot(start: UInt64, end: UInt64) -> MerkleHash? {
        edgeRoots[EdgeKey(start: start, end: end)]
    }

    public func remember(root: MerkleHash, start: UInt64, end: UInt64) {
        // Only a handful per tree size; the bound guards against callers that ask for many sizes.
        if edgeRoots.count >= 4096 { edgeRoots.removeAll(keepingCapacity: true) }
        edgeRoots[EdgeKey(start: start, end: end)] = root
    }

    /// The hashes stored in one tile, checked for length.
    public func tileHashes(level: Int, index: UInt64, width: Int) throws -> [MerkleHash] {
        try expandedTile(TileKey(level: level, index: index, width: width))[0]
    }

    /// A node inside full level-0 tile `tile` from its node-index record, or nil if the
    /// record is absent or was never written.
    private func indexedNode(tile: UInt64, level: Int, offset: Int) throws -> MerkleHash? {
        guard unindexed.isEmpty || !unindexed.contains(tile) else { return nil }
        if !triedMapping {
            triedMapping = true
            indexMapping = try storage.mapped(NodeIndex.path, length: Int(size >> 8) * NodeIndex.recordBytes)
            #if canImport(Glibc)
                // Random access: map only the page touched, not its neighbours (fault-around).
                if let indexMapping, let base = indexMapping.baseAddress {
                    _ = madvise(UnsafeMutableRawPointer(mutating: base), indexMapping.count, Int32(MADV_RANDOM))
                }
            #endif
        }
        let position = NodeIndex.offset(ofTile: tile) + NodeIndex.byteOffset(level: level, firstLeaf: offset)
        let hash: MerkleHash
        if let indexMapping, position + 32 <= indexMapping.count {
            hash = MerkleHash(raw: UnsafeRawBufferPointer(rebasing: indexMapping[position..<(position + 32)]))
            if tile != mappedTile {
                mappedTile = tile
                releaseMappedPagesNowAndThen(indexMapping)
            }
        } else {
            guard try storage.read(NodeIndex.path, at: position, into: record) else {
                remember(unindexed: tile)
                return nil
            }
            hash = MerkleHash(raw: UnsafeRawBufferPointer(record))
        }
        // Zeros: a hole in the index (its writer stopped before reaching this tile).
        guard hash.w0 | hash.w1 | hash.w2 | hash.w3 != 0 else {
            remember(unindexed: tile)
            return nil
        }
        return hash
    }

    /// Drops the mapped pages from this process every 4,096 tiles, so that the resident set
    /// stays bounded; the kernel keeps them cached for the next touch.
    private func releaseMappedPagesNowAndThen(_ mapping: UnsafeRawBufferPointer) {
        mappedTilesSinceRelease += 1
        guard mappedTilesSinceRelease >= 4096, let base = mapping.baseAddress else { return }
        mappedTilesSinceRelease = 0
        #if canImport(Glibc)
            _ = madvise(UnsafeMutableRawPointer(mutating: base), mapping.count, Int32(MADV_DONTNEED))
        #endif
    }

    private func remember(unindexed tile: UInt64) {
        if unindexed.count >= 65_536 { unindexed.removeAll() }
        unindexed.insert(tile)
    }

    private func expandedTile(_ key: TileKey) throws -> [[MerkleHash]] {
        guard lastKeys.indices.contains(key.level) else { return try lookUp(key) }
        if key == lastKeys[key.level] { return lastLevels[key.level] }
        let levels = try lookUp(key)
        lastKeys[key.level] = key
        lastLevels[key.level] = levels
        return levels
    }

    private func lookUp(_ key: TileKey) throws -> [[MerkleHash]] {
        if let hit = current[key] { return hit }
        if let hit = previous[key] {
            insert(key, hit)
            return hit
        }
        let path = TilePath.tile(level: key.level, index: key.index, width: key.width)
        guard let bytes = try storage.read(path) else {
            throw LedgerError(.missingTile, "tile \(path) is missing")
        }
        guard bytes.count == key.width * MerkleHash.byteCount, let hashes = TileCodec.decodeTile(bytes) else {
            throw LedgerError(.corruptTile, "tile \(path) has \(bytes.count) bytes, expected \(key.width * 32)")
        }
        var levels = [hashes]
        while let below = levels.last, below.count >= 2 {
            levels.append(
                stride(from: 0, to: below.count - 1, by: 2).map { RFC9162.nodeHash(below[$0], below[$0 + 1]) })
        }
        while levels.count < 9 { levels.append([]) }
        insert(key, levels)
        return levels
    }

    /// Two generations: when the newer one fills, the older one is dropped. Approximates
    /// LRU without per-access bookkeeping.
    private func insert(_ key: TileKey, _ levels: [[MerkleHash]]) {
        if current.count >= capacity / 2 {
            previous = current
            current = [:]
        }
        current[key] = levels
    }
}
