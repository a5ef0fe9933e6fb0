/// Checks inclusion and consistency proofs (RFC 9162 §2.1.3.2 and §2.1.4.2, and the
/// subtree variants of draft-ietf-plants-merkle-tree-certs §4.3–4.4). Pure functions.
///
/// Each check walks the same recursion that builds the proof, taking proof hashes from
/// the end (the top of the tree) and rebuilding the roots; any proof of the wrong length,
/// any size out of range and any mismatch throws a ``LedgerError``.
public enum MerkleVerifier {
    /// The root implied by an inclusion proof of `leafHash` at `index` in a tree of `size`.
    public static func rootFromInclusion(index: UInt64, size: UInt64, leafHash: MerkleHash, proof: [MerkleHash]) throws
        -> MerkleHash
    {
        guard index < size else {
            throw LedgerError(.sizeOutOfRange, "index \(index) is not below tree size \(size)")
        }
        var cursor = ProofCursor(proof)
        let root = try chainInclusion(index: index, lo: 0, hi: size, leaf: leafHash, cursor: &cursor)
        try cursor.finish()
        return root
    }

    /// Verifies that `leafHash` is at `index` in the tree of `size` leaves with root `root`.
    public static func verifyInclusion(
        index: UInt64, size: UInt64, leafHash: MerkleHash, proof: [MerkleHash], root: MerkleHash
    ) throws {
        let computed = try rootFromInclusion(index: index, size: size, leafHash: leafHash, proof: proof)
        try match(computed, root, "inclusion proof")
    }

    /// Verifies an inclusion proof of leaf `index` in the subtree `[start, end)` with root `root`.
    public static func verifySubtreeInclusion(
        index: UInt64, start: UInt64, end: UInt64, leafHash: MerkleHash, proof: [MerkleHash], root: MerkleHash
    ) throws {
        guard TreeMath.isValidSubtree(start: start, end: end) else {
            throw LedgerError(.invalidSubtree, "[\(start), \(end)) is not a subtree")
        }
        guard index >= start, index < end else {
            throw LedgerError(.sizeOutOfRange, "index \(index) is outside subtree [\(start), \(end))")
        }
        let computed = try rootFromInclusion(index: index - start, size: end - start, leafHash: leafHash, proof: proof)
        try match(computed, root, "subtree inclusion proof")
    }

    /// Verifies that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the
    /// tree of `newSize` leaves with root `newRoot`. Requires `0 < oldSize <= newSize`.
    public static func verifyConsistency(
        oldSize: UInt64, newSize: UInt64, proof: [MerkleHash], oldRoot: MerkleHash, newRoot: MerkleHash
    ) throws {
        guard oldSize <= newSize else {
            throw LedgerError(.sizeOutOfRange, "old size \(oldSize) is larger than new size \(newSize)")
        }
        guard oldSize > 0 else {
            throw LedgerError(.sizeOutOfRange, "a consistency proof from the empty tree is meaningless")
        }
        try verifySubtreeConsistency(
            start: 0, end: oldSize, size: newSize, proof: proof, subtreeRoot: oldRoot, root: newRoot)
    }

    /// Verifies that the subtree `[start, end)` with root `subtreeRoot` is part of the tree of
    /// `size` leaves with root `root`.
    public static func verifySubtreeConsistency(
        start: UInt64, end: UInt64, size: UInt64, proof: [MerkleHash], subtreeRoot: MerkleHash, root: MerkleHash
    ) throws {
        guard TreeMath.isValidSubtree(start: start, end: end) else {
            throw LedgerError(.invalidSubtree, "[\(start), \(end)) is not a subtree")
        }
        guard end <= size else {
            throw LedgerError(.sizeOutOfRange, "subtree end \(end) exceeds tree size \(size)")
        }
        if start == end {
            // The empty subtree is consistent with every tree; only its root can be wrong.
            guard proof.isEmpty else { throw LedgerError(.wrongProofSize, "proof for an empty subtree must be empty") }
            try match(subtreeRoot, RFC9162.emptyRoot, "empty subtree root")
            return
        }
        var cursor = ProofCursor(proof)
        let (old, new) = try chainConsistency(
            start: start, end: end, lo: 0, hi: size, known: subtreeRoot, cursor: &cursor)
        try cursor.finish()
        try match(old, subtreeRoot, "consistency proof (old root)")
        try match(new, root, "consistency proof (new root)")
    }

    // MARK: - Recursion

    private static func chainInclusion(
        index: UInt64, lo: UInt64, hi: UInt64, leaf: MerkleHash, cursor: inout ProofCursor
    ) throws -> MerkleHash {
        if hi - lo == 1 { return leaf }
        let k = lo + TreeMath.split(hi - lo)
        let sibling = try cursor.pop()
        if index < k {
            return RFC9162.nodeHash(
                try chainInclusion(index: index, lo: lo, hi: k, leaf: leaf, cursor: &cursor), sibling)
        }
        return RFC9162.nodeHash(sibling, try chainInclusion(index: index, lo: k, hi: hi, leaf: leaf, cursor: &cursor))
    }

    /// Returns the rebuilt (subtree root, tree root) for the node `[lo, hi)`.
    /// `known` is the subtree root the verifier already has, or nil once the recursion
    /// has split the old tree and the proof must supply the node.
    private static func chainConsistency(
        start: UInt64, end: UInt64, lo: UInt64, hi: UInt64, known: MerkleHash?, cursor: inout ProofCursor
    ) throws -> (MerkleHash, MerkleHash) {
        if start == lo && end == hi {
            let node = try known ?? cursor.pop()
            return (node, node)
        }
        let k = lo + TreeMath.split(hi - lo)
        let sibling = try cursor.pop()
        if end <= k {
            let (old, new) = try chainConsistency(start: start, end: end, lo: lo, hi: k, known: known, cursor: &cursor)
            return (old, RFC9162.nodeHash(new, sibling))
        }
        if start >= k {
            let (old, new) = try chainConsistency(start: start, end: end, lo: k, hi: hi, known: known, cursor: &cursor)
            return (old, RFC9162.nodeHash(sibling, new))
        }
        guard start == lo else { throw LedgerError(.invalidSubtree, "[\(start), \(end)) straddles a node boundary") }
        let (old, new) = try chainConsistency(start: k, end: end, lo: k, hi: hi, known: nil, cursor: &cursor)
        return (RFC9162.nodeHash(sibling, old), RFC9162.nodeHash(sibling, new))
    }

    private static func match(_ computed: MerkleHash, _ expected: MerkleHash, _ what: String) throws {
        guard computed == expected else {
            throw LedgerError(.rootMismatch, "\(what): computed \(computed.base64), expected \(expected.base64)")
        }
    }
}

/// Hands out proof hashes from the last (the top of the tree) to the first.
struct ProofCursor {
    private let proof: [MerkleHash]
    private var remaining: Int

    init(_ proof: [MerkleHash]) {
        self.proof = proof
        self.remaining = proof.count
    }

    mutating func pop() throws -> MerkleHash {
        guard remaining > 0 else {
            throw LedgerError(.wrongProofSize, "proof of \(proof.count) hashes is too short")
        }
        remaining -= 1
        return proof[remaining]
    }

    func finish() throws {
        guard remaining == 0 else {
            throw LedgerError(.wrongProofSize, "proof of \(proof.count) hashes has \(remaining) too many")
        }
    }
}
