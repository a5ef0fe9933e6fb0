/// A Merkle tree kept whole in memory: every perfect node on every level.
///
/// Appending costs one leaf hash plus, amortised, one node hash. Used by tests, by the
/// in-memory log and as the reference speed for the durable log.
public struct InMemoryMerkleTree: MerkleNodeReader, Sendable {
    /// `levels[l][i]` is the hash of the perfect subtree of `2^l` leaves starting at `i << l`.
    private var levels: [[MerkleHash]] = [[]]

    /// Creates an empty tree.
    public init() {}

    /// The number of leaves.
    public var size: UInt64 { UInt64(levels[0].count) }

    /// Appends a leaf hash, completing any perfect subtrees it closes.
    public mutating func append(leafHash: MerkleHash) {
        levels[0].append(leafHash)
        var level = 0
        while levels[level].count % 2 == 0 {
            let count = levels[level].count
            let parent = RFC9162.nodeHash(levels[level][count - 2], levels[level][count - 1])
            if level + 1 == levels.count { levels.append([]) }
            levels[level + 1].append(parent)
            level += 1
        }
    }

    /// The root of the tree of the first `size` leaves (default: all of them).
    public func root(size: UInt64? = nil) throws -> MerkleHash {
        try MerkleProofs.root(size: size ?? self.size, reader: self)
    }

    public func node(level: Int, index: UInt64) throws -> MerkleHash {
        guard level >= 0, level < levels.count, index < UInt64(levels[level].count) else {
            throw LedgerError(.sizeOutOfRange, "no complete node at level \(level) index \(index)")
        }
        return levels[level][Int(index)]
    }
}
