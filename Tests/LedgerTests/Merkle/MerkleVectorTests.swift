import Foundation
import Ledger
import Testing

/// The transparency-dev/merkle proof vectors and the leaves-and-roots table.
@Suite struct MerkleVectorTests {
    struct InclusionCase: Decodable {
        let leafIdx: UInt64
        let treeSize: UInt64?
        let start: UInt64?
        let end: UInt64?
        let root: String?
        let leafHash: String?
        let proof: [String]?
        let desc: String?
        let wantErr: Bool
    }

    struct ConsistencyCase: Decodable {
        let size1: UInt64?
        let size2: UInt64?
        let start: UInt64?
        let end: UInt64?
        let size: UInt64?
        let root1: String?
        let root2: String?
        let proof: [String]?
        let desc: String?
        let wantErr: Bool
    }

    struct LeavesAndRoots: Decodable {
        let leaves_hex: [String]
        let roots_hex: [String]
    }

    /// Runs a case and returns whether it verified.
    private func inclusionVerifies(_ c: InclusionCase, subtree: Bool) -> Bool {
        let proof = VectorProof(c.proof)
        guard !proof.hasMalformedHash,
            let leaf = Fixtures.hash(c.leafHash), let root = Fixtures.hash(c.root)
        else { return false }
        do {
            if subtree {
                try MerkleVerifier.verifySubtreeInclusion(
                    index: c.leafIdx, start: c.start ?? 0, end: c.end ?? 0, leafHash: leaf, proof: proof.hashes,
                    root: root)
            } else {
                try MerkleVerifier.verifyInclusion(
                    index: c.leafIdx, size: c.treeSize ?? 0, leafHash: leaf, proof: proof.hashes, root: root)
            }
            return true
        } catch {
            return false
        }
    }

    private func consistencyVerifies(_ c: ConsistencyCase, subtree: Bool) -> Bool {
        let proof = VectorProof(c.proof)
        guard !proof.hasMalformedHash, let root1 = Fixtures.opaqueRoot(c.root1),
            let root2 = Fixtures.opaqueRoot(c.root2)
        else { return false }
        do {
            if subtree {
                try MerkleVerifier.verifySubtreeConsistency(
                    start: c.start ?? 0, end: c.end ?? 0, size: c.size ?? 0, proof: proof.hashes,
                    subtreeRoot: root1, root: root2)
            } else {
                try MerkleVerifier.verifyConsistency(
                    oldSize: c.size1 ?? 0, newSize: c.size2 ?? 0, proof: proof.hashes, oldRoot: root1, newRoot: root2)
            }
            return true
        } catch {
            return false
        }
    }

    @Test(arguments: ["inclusion", "subtreeinclusion"])
    func inclusionVectors(folder: String) throws {
        let files = try Fixtures.jsonFiles(under: folder)
        #expect(files.count > 50)
        var rejected = 0
        for file in files {
            let c = try JSONDecoder().decode(InclusionCase.self, from: Data(contentsOf: file))
            let ok = inclusionVerifies(c, subtree: folder.hasPrefix("subtree"))
            #expect(ok == !c.wantErr, "\(file.path)")
            if !ok { rejected += 1 }
        }
        #expect(rejected > 0)
    }

    @Test(arguments: ["consistency", "subtreeconsistency"])
    func consistencyVectors(folder: String) throws {
        let files = try Fixtures.jsonFiles(under: folder)
        #expect(files.count > 50)
        for file in files {
            let c = try JSONDecoder().decode(ConsistencyCase.self, from: Data(contentsOf: file))
            let ok = consistencyVerifies(c, subtree: folder.hasPrefix("subtree"))
            #expect(ok == !c.wantErr, "\(file.path)")
        }
    }

    @Test func leavesAndRoots() throws {
        let table = try JSONDecoder().decode(LeavesAndRoots.self, from: Fixtures.data("tlog/leaves-and-roots.json"))
        let leaves = table.leaves_hex.map { hexBytes($0) }
        var tree = InMemoryMerkleTree()
        #expect(try tree.root().hex == table.roots_hex[0])
        for (i, leaf) in leaves.enumerated() {
            tree.append(leafHash: RFC9162.leafHash(leaf))
            #expect(try tree.root().hex == table.roots_hex[i + 1])
            #expect(ReferenceMerkle.mth(leaves[0...i]).hex == table.roots_hex[i + 1])
        }
    }

    /// Proofs built by the library match the vectors' happy paths exactly.
    @Test func generatedProofsMatchVectors() throws {
        let table = try JSONDecoder().decode(LeavesAndRoots.self, from: Fixtures.data("tlog/leaves-and-roots.json"))
        var tree = InMemoryMerkleTree()
        for leaf in table.leaves_hex { tree.append(leafHash: RFC9162.leafHash(hexBytes(leaf))) }
        for file in try Fixtures.jsonFiles(under: "inclusion") where file.lastPathComponent == "happy-path.json" {
            let c = try JSONDecoder().decode(InclusionCase.self, from: Data(contentsOf: file))
            guard let size = c.treeSize, size <= tree.size else { continue }
            let proof = try MerkleProofs.inclusion(index: c.leafIdx, size: size, reader: tree)
            #expect(proof == VectorProof(c.proof).hashes, "\(file.path)")
        }
        for file in try Fixtures.jsonFiles(under: "consistency") where file.lastPathComponent == "happy-path.json" {
            let c = try JSONDecoder().decode(ConsistencyCase.self, from: Data(contentsOf: file))
            guard let s1 = c.size1, let s2 = c.size2, s1 > 0, s2 <= tree.size else { continue }
            let proof = try MerkleProofs.consistency(from: s1, to: s2, reader: tree)
            #expect(proof == VectorProof(c.proof).hashes, "\(file.path)")
        }
    }
}

func hexBytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var chars = Array(hex.utf8)[...]
    while chars.count >= 2 {
        out.append(UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) ?? 0)
        chars = chars.dropFirst(2)
    }
    return out
}
