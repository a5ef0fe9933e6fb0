/// A source of perfect-subtree hashes: the hash of the `2^level` leaves starting at
/// leaf `index << level`. Proof generation needs nothing else, so the same pure
/// functions serve an in-memory tree, tiles on disk, or tiles fetched over HTTP.
public protocol MerkleNodeReader {
    /// The hash of the perfect subtree at `level` with the given `index` on that level.
    func node(level: Int, index: UInt64) throws -> MerkleHash
    /// The root of the leaves `[start, end)` (not a perfect subtree) if the reader kept it.
    /// Proofs in one tree need the same few right-edge roots again and again.
    func rememberedRoot(start: UInt64, end: UInt64) -> MerkleHash?
    /// Offers a computed right-edge root for `rememberedRoot` to return later.
    func remember(root: MerkleHash, start: UInt64, end: UInt64)
}

extension MerkleNodeReader {
    /// Readers without a memory recompute every root.
    public func rememberedRoot(start: UInt64, end: UInt64) -> MerkleHash? { nil }
    /// Readers without a memory forget.
    public func remember(root: MerkleHash, start: UInt64, end: UInt64) {}
}

/// Bit arithmetic on tree sizes shared by proof building and checking.
enum TreeMath {
    /// The largest power of two strictly less than `n`; requires `n >= 2`.
    @inline(__always)
    static func split(_ n: UInt64) -> UInt64 {
        UInt64(1) << UInt64(63 - (n - 1).leadingZeroBitCount)
    }

    @inline(__always)
    static func isPowerOfTwo(_ n: UInt64) -> Bool { n != 0 && n & (n - 1) == 0 }

    /// Whether `[start, end)` is a subtree in the sense of draft-ietf-plants-merkle-tree-certs §4.1:
    /// `start` is a multiple of the smallest power of two at least `end - start`.
    static func isValidSubtree(start: UInt64, end: UInt64) -> Bool {
        guard start <= end else { return false }
        if start == 0 || start == end { return true }
        let length = end - start
        guard length <= UInt64(1) << 63 else { return false }
        let ceiling = isPowerOfTwo(length) ? length : UInt64(1) << UInt64(64 - (length - 1).leadingZeroBitCount)
        return start % ceiling == 0
    }
}
