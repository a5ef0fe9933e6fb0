import Ledger
import Testing

/// The fast tree and proofs against the literal RFC definitions, for every size up to 70.
@Suite struct MerkleReferenceTests {
    static let leaves: [[UInt8]] = (0..<70).map { i in Array("leaf \(i)".utf8) }

    static func tree(_ count: Int) -> InMemoryMerkleTree {
        var tree = InMemoryMerkleTree()
        for leaf in leaves.prefix(count) { tree.append(leafHash: RFC9162.leafHash(leaf)) }
        return tree
    }

    @Test func rootsMatchReference() throws {
        let tree = Self.tree(70)
        for size in 0...70 {
            #expect(try tree.root(size: UInt64(size)) == ReferenceMerkle.mth(Self.leaves[0..<size]))
        }
    }

    @Test func inclusionProofsMatchReferenceAndVerify() throws {
        let tree = Self.tree(70)
        for size in 1...70 {
            let root = try tree.root(size: UInt64(size))
            for index in 0..<size {
                let proof = try MerkleProofs.inclusion(index: UInt64(index), size: UInt64(size), reader: tree)
                #expect(proof == ReferenceMerkle.path(index, Self.leaves[0..<size]))
                let leaf = RFC9162.leafHash(Self.leaves[index])
                try MerkleVerifier.verifyInclusion(
                    index: UInt64(index), size: UInt64(size), leafHash: leaf, proof: proof, root: root)
                // Any change is rejected: another index, a dropped or an extra hash.
                if size > 1 {
                    #expect(throws: LedgerError.self) {
                        try MerkleVerifier.verifyInclusion(
                            index: UInt64((index + 1) % size), size: UInt64(size), leafHash: leaf, proof: proof,
                            root: root)
                    }
                    #expect(throws: LedgerError(.wrongProofSize, "")) {
                        try MerkleVerifier.verifyInclusion(
                            index: UInt64(index), size: UInt64(size), leafHash: leaf, proof: proof.dropLast(),
                            root: root)
                    }
                }
                #expect(throws: LedgerError(.wrongProofSize, "")) {
                    try MerkleVerifier.verifyInclusion(
                        index: UInt64(index), size: UInt64(size), leafHash: leaf, proof: proof + [root], root: root)
                }
            }
        }
    }

    @Test func consistencyProofsMatchReferenceAndVerify() throws {
        let tree = Self.tree(40)
        for newSize in 1...40 {
            let newRoot = try tree.root(size: UInt64(newSize))
            for oldSize in 1...newSize {
                let oldRoot = try tree.root(size: UInt64(oldSize))
                let proof = try MerkleProofs.consistency(from: UInt64(oldSize), to: UInt64(newSize), reader: tree)
                #expect(proof == ReferenceMerkle.proof(oldSize, Self.leaves[0..<newSize]))
                try MerkleVerifier.verifyConsistency(
                    oldSize: UInt64(oldSize), newSize: UInt64(newSize), proof: proof, oldRoot: oldRoot, newRoot: newRoot
                )
                if oldSize < newSize {
                    // A forked old tree (the other root) fails.
                    #expect(throws: LedgerError.self) {
                        try MerkleVerifier.verifyConsistency(
                            oldSize: UInt64(oldSize), newSize: UInt64(newSize), proof: proof, oldRoot: newRoot,
                            newRoot: newRoot)
                    }
                    #expect(throws: LedgerError.self) {
                        try MerkleVerifier.verifyConsistency(
                            oldSize: UInt64(newSize), newSize: UInt64(oldSize), proof: proof, oldRoot: newRoot,
                            newRoot: oldRoot)
                    }
                }
            }
        }
    }

    @Test func subtreeConsistencyProofsRoundTrip() throws {
        let tree = Self.tree(40)
        for size in 1...40 {
            let root = try tree.root(size: UInt64(size))
            for start in 0..<size {
                for end in (start + 1)...size {
                    let s = UInt64(start), e = UInt64(end)
                    let valid =
                        (try? MerkleProofs.subtreeConsistency(start: s, end: e, size: UInt64(size), reader: tree))
                        != nil
                    guard valid else { continue }
                    let proof = try MerkleProofs.subtreeConsistency(start: s, end: e, size: UInt64(size), reader: tree)
                    let subRoot = ReferenceMerkle.mth(Self.leaves[start..<end])
                    try MerkleVerifier.verifySubtreeConsistency(
                        start: s, end: e, size: UInt64(size), proof: proof, subtreeRoot: subRoot, root: root)
                }
            }
        }
    }
}
