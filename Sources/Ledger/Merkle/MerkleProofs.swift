/// Roots, inclusion proofs and consistency proofs (RFC 9162 §2.1), built from any
/// ``MerkleNodeReader``. Pure functions: the reader is the only input.
public enum MerkleProofs {
    /// The Merkle tree hash of the leaves `[start, end)`, where the range is a node of the
    /// RFC 9162 recursion (or any valid subtree).
    public static func rangeRoot(start: UInt64, end: UInt64, reader: some MerkleNodeReader) throws -> MerkleHash {
        guard start < end else {
            if start == end { return RFC9162.emptyRoot }
            throw LedgerError(.sizeOutOfRange, "range [\(start), \(end)) is inverted")
        }
        let count = end - start
        if TreeMath.isPowerOfTwo(count), start % count == 0 {
            let level = count.trailingZeroBitCount
            return try reader.node(level: level, index: start >> UInt64(level))
        }
        if let root = reader.rememberedRoot(start: start, end: end) { return root }
        let k = start + TreeMath.split(count)
        let root = RFC9162.nodeHash(
            try rangeRoot(start: start, end: k, reader: reader),
            try rangeRoot(start: k, end: end, reader: reader))
        reader.remember(root: root, start: start, end: end)
        return root
    }

    /// The root of the tree of the first `size` leaves.
    public static func root(size: UInt64, reader: some MerkleNodeReader) throws -> MerkleHash {
        try rangeRoot(start: 0, end: size, reader: reader)
    }

    /// The inclusion proof (audit path) of leaf `index` in the tree of `size` leaves,
    /// lowest sibling first.
    public static func inclusion(index: UInt64, size: UInt64, reader: some MerkleNodeReader) throws -> [MerkleHash] {
        guard index < size else {
            throw LedgerError(.sizeOutOfRange, "index \(index) is not below tree size \(size)")
        }
        var proof: [MerkleHash] = []
        proof.reserveCapacity(64 - size.leadingZeroBitCount)
        // Walk down from the root, then reverse: siblings are collected top first.
        var lo: UInt64 = 0
        var hi = size
        while hi - lo > 1 {
            let k = lo + TreeMath.split(hi - lo)
            if index < k {
                proof.append(try rangeRoot(start: k, end: hi, reader: reader))
                hi = k
            } else {
                proof.append(try rangeRoot(start: lo, end: k, reader: reader))
                lo = k
            }
        }
        proof.reverse()
        return proof
    }

    /// The consistency proof from the tree of `oldSize` leaves to the tree of `newSize` leaves.
    /// Requires `0 < oldSize <= newSize`; equal sizes give an empty proof.
    public static func consistency(from oldSize: UInt64, to newSize: UInt64, reader: some MerkleNodeReader) throws
        -> [MerkleHash]
    {
        guard oldSize > 0, oldSize <= newSize else {
            throw LedgerError(.sizeOutOfRange, "no consistency proof from size \(oldSize) to size \(newSize)")
        }
        return try subtreeConsistency(start: 0, end: oldSize, size: newSize, reader: reader)
    }

    /// The subtree consistency proof (draft-ietf-plants-merkle-tree-certs §4.4) from the
    /// subtree `[start, end)` to the tree of `size` leaves. With `start == 0` it is the
    /// RFC 9162 consistency proof.
    public static func subtreeConsistency(start: UInt64, end: UInt64, size: UInt64, reader: some MerkleNodeReader)
        throws -> [MerkleHash]
    {
        guard start < end, TreeMath.isValidSubtree(start: start, end: end) else {
            throw LedgerError(.invalidSubtree, "[\(start), \(end)) is not a non-empty subtree")
        }
        guard end <= size else {
            throw LedgerError(.sizeOutOfRange, "subtree end \(end) exceeds tree size \(size)")
        }
        var proof: [MerkleHash] = []
        try subproof(start: start, end: end, lo: 0, hi: size, known: true, reader: reader, into: &proof)
        return proof
    }

    private static func subproof(
        start: UInt64, end: UInt64, lo: UInt64, hi: UInt64, known: Bool,
        reader: some MerkleNodeReader, into proof: inout [MerkleHash]
    ) throws {
        if start == lo && end == hi {
            if !known { proof.append(try rangeRoot(start: lo, end: hi, reader: reader)) }
            return
        }
        let k = lo + TreeMath.split(hi - lo)
        if end <= k {
            try subproof(start: start, end: end, lo: lo, hi: k, known: known, reader: reader, into: &proof)
            proof.append(try rangeRoot(start: k, end: hi, reader: reader))
        } else if start >= k {
            try subproof(start: start, end: end, lo: k, hi: hi, known: known, reader: reader, into: &proof)
            proof.append(try rangeRoot(start: lo, end: k, reader: reader))
        } else {
            try subproof(start: k, end: end, lo: k, hi: hi, known: false, reader: reader, into: &proof)
            proof.append(try rangeRoot(start: lo, end: k, reader: reader))
        }
    }
}
