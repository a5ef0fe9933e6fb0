import Foundation
import Ledger
import Testing

/// The fast prover against the RFC 9162 reference, on disk (so the node index is mapped),
/// as the log grows, with index records missing, and through the caller's buffer.
@Suite struct InclusionProverTests {
    static func leaf(_ i: Int) -> [UInt8] { Array("leaf \(i)".utf8) }

    /// Indices worth checking in a tree of `size`: the first and last few, the tile and
    /// quarter edges, and a spread between.
    static func sampleIndices(size: Int) -> [Int] {
        var indices = Set((0..<min(size, 5)).map { $0 } + (max(0, size - 5)..<size).map { $0 })
        for edge in stride(from: 0, to: size, by: 64) { indices.formUnion([edge, edge + 63].filter { $0 < size }) }
        for i in stride(from: 0, to: size, by: max(1, size / 40)) { indices.insert(i) }
        return indices.sorted()
    }

    @Test func proofsMatchTheReferenceAsTheLogGrows() throws {
        let root = POSIXStorageTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = try TransparencyLog.open(
            storage: try POSIXLogStorage(root: root), configuration: TestKeys.configuration())
        var leaves: [[UInt8]] = []
        // Sizes below a tile, at and around tile and quarter edges, and past level 11.
        for size in [1, 2, 3, 63, 64, 255, 256, 257, 511, 512, 513, 1000, 1024, 2600, 2816] {
            let batch = (leaves.count..<size).map(Self.leaf)
            leaves += batch
            _ = try log.append(batch: batch)
            let prover = try log.inclusionProver()
            #expect(prover.size == UInt64(size))
            for index in Self.sampleIndices(size: size) {
                let expected = ReferenceMerkle.path(index, leaves[0..<size])
                let proof = try prover.inclusionProof(index: UInt64(index))
                #expect(proof == expected, "size \(size), index \(index)")
                try MerkleVerifier.verifyInclusion(
                    index: UInt64(index), size: UInt64(size), leafHash: RFC9162.leafHash(leaves[index]),
                    proof: proof, root: log.committed.root)
            }
        }
    }

    @Test func theCallersBufferGetsTheSameProofAndATooSmallOneIsRefused() throws {
        let root = POSIXStorageTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = try TransparencyLog.open(
            storage: try POSIXLogStorage(root: root), configuration: TestKeys.configuration())
        let leaves = (0..<1300).map(Self.leaf)
        _ = try log.append(batch: leaves)
        let prover = try log.inclusionProver()
        let buffer = UnsafeMutableBufferPointer<MerkleHash>.allocate(capacity: InclusionProver.maximumProofLength)
        defer { buffer.deallocate() }
        for index in [0, 255, 256, 700, 1279, 1280, 1299] {
            let count = try prover.inclusionProof(index: UInt64(index), into: buffer)
            #expect(Array(buffer[0..<count]) == ReferenceMerkle.path(index, leaves[...]), "index \(index)")
        }
        let small = UnsafeMutableBufferPointer<MerkleHash>.allocate(capacity: 8)
        defer { small.deallocate() }
        let tooSmall = #expect(throws: LedgerError.self) { try prover.inclusionProof(index: 3, into: small) }
        #expect(tooSmall?.code == .sizeOutOfRange)
        let outOfRange = #expect(throws: LedgerError.self) { try prover.inclusionProof(index: 1300) }
        #expect(outOfRange?.code == .sizeOutOfRange)
        let shrink = #expect(throws: LedgerError.self) { try prover.extend(to: 1000) }
        #expect(shrink?.code == .sizeOutOfRange)
    }

    @Test func missingOrZeroedIndexRecordsFallBackToTilesAndAreRebuilt() throws {
        let root = POSIXStorageTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let leaves = (0..<1100).map(Self.leaf)
        do {
            let log = try TransparencyLog.open(
                storage: try POSIXLogStorage(root: root), configuration: TestKeys.configuration())
            _ = try log.append(batch: leaves)
            try log.close()
        }
        // Tile 2's record zeroed (a hole), as if its writer had stopped before it.
        let storage = try POSIXLogStorage(root: root)
        try storage.write(
            NodeIndex.path, at: 2 * NodeIndex.recordBytes, [UInt8](repeating: 0, count: NodeIndex.recordBytes))
        try storage.sync()
        let holed = try InclusionProver(storage: storage, size: 1100)
        for index in [0, 511, 512, 600, 767, 768, 1099] {
            #expect(try holed.inclusionProof(index: UInt64(index)) == ReferenceMerkle.path(index, leaves[...]))
        }
        // No index at all (a log from before this layout): proofs still right, and the log rebuilds it.
        try FileManager.default.removeItem(atPath: root + "/" + NodeIndex.path)
        let log = try TransparencyLog.open(
            storage: try POSIXLogStorage(root: root), configuration: TestKeys.configuration())
        #expect(try log.rebuildNodeIndex() == 4)
        #expect(try log.rebuildNodeIndex() == 0)
        let rebuilt = try #require(try FileManager.default.contents(atPath: root + "/" + NodeIndex.path))
        #expect(rebuilt.count == 4 * NodeIndex.recordBytes)
        for index in [0, 300, 1023, 1024, 1099] {
            #expect(try log.inclusionProof(index: UInt64(index)) == ReferenceMerkle.path(index, leaves[...]))
        }
        #expect(
            try LogVerifier.verify(storage: try POSIXLogStorage(root: root), verifier: TestKeys.logSigner.verifier)
                .isIntact)
    }

    @Test func anInMemoryStorageThatCannotMapGivesTheSameProofs() throws {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        let leaves = (0..<777).map(Self.leaf)
        _ = try log.append(batch: leaves)
        for index in Self.sampleIndices(size: 777) {
            #expect(try log.inclusionProof(index: UInt64(index)) == ReferenceMerkle.path(index, leaves[...]))
        }
    }
}
