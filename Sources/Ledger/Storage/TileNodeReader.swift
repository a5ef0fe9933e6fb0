/// Reads perfect-subtree hashes of a tree of a given size from hash tiles, rebuilding the
/// levels between tile levels by hashing. Expanded tiles are cached up to a fixed count,
/// so memory stays bounded however large the log is.
public final class TileNodeReader: MerkleNodeReader {
    /// The tree size whose tiles are read (it decides which partial tiles exist).
    public let size: UInt64
    private let storage: any LogStorage
    private let capacity: Int
    private var current: [TileKey: [[MerkleHash]]] = [:]
    private var previous: [TileKey: [[MerkleHash]]] = [:]

    private struct TileKey: Hashable {
        let level: Int
        let index: UInt64
        let width: Int
    }

    private let useNodeIndex: Bool
    private static let zero = MerkleHash(bytes: [UInt8](repeating: 0, count: 32)) ?? RFC9162.emptyRoot

    /// Creates a reader; `cacheCapacity` bounds the cached tiles (each about 16 KiB).
    /// With `useNodeIndex`, hashes inside full level-0 tiles come from the ``NodeIndex``.
    public init(storage: any LogStorage, size: UInt64, cacheCapacity: Int = 4096, useNodeIndex: Bool = true) {
        self.storage = storage
        self.useNodeIndex = useNodeIndex
        self.size = size
        self.capacity = max(2, cacheCapacity)
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
        let levels = try expandedTile(TileKey(level: tileLevel, index: tileIndex, width: width))
        return levels[within][offset >> within]
    }

    /// The hashes stored in one tile, checked for length.
    public func tileHashes(level: Int, index: UInt64, width: Int) throws -> [MerkleHash] {
        try expandedTile(TileKey(level: level, index: index, width: width))[0]
    }

    private func expandedTile(_ key: TileKey) throws -> [[MerkleHash]] {
        if let hit = current[key] { return hit }
        if let hit = previous[key] {
            insert(key, hit)
            return hit
        }
        if key.level == 0, key.width == TilePath.tileWidth, useNodeIndex, let levels = try indexedTile(key.index) {
            insert(key, levels)
            return levels
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

    /// A full level-0 tile's levels from one read of its node-index record, or nil if the
    /// record is absent or was never written.
    private func indexedTile(_ index: UInt64) throws -> [[MerkleHash]]? {
        guard
            let bytes = try storage.read(
                NodeIndex.path, at: NodeIndex.offset(ofTile: index), count: NodeIndex.recordBytes),
            let hashes = TileCodec.decodeTile(bytes), !hashes.contains(Self.zero)
        else { return nil }
        return (0..<9).map { level in
            Array(hashes[NodeIndex.levelStart[level]..<(NodeIndex.levelStart[level] + (256 >> level))])
        }
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
