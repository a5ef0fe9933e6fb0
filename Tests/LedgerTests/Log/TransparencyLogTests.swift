import Foundation
import Ledger
import Testing

@Suite struct TransparencyLogTests {
    @Test func tiledLogMatchesInMemoryTreeAtEverySize() throws {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        var tree = InMemoryMerkleTree()
        // Commits at irregular sizes, crossing tile boundaries on levels 0 and 1.
        var i = 0
        for batch in [1, 2, 253, 1, 300, 65_000, 1, 70] {
            var entries: [[UInt8]] = []
            for _ in 0..<batch {
                entries.append(TestKeys.entry(i))
                tree.append(leafHash: RFC9162.leafHash(TestKeys.entry(i)))
                i += 1
            }
            let range = try log.append(batch: entries)
            #expect(range.count == batch)
            #expect(log.committed.root == (try tree.root()))
        }
        #expect(log.committed.size == 65_628)
        // Proofs from tiles equal proofs from the whole tree, and verify against the checkpoint.
        let reader = log.nodeReader()
        for index in [0, 1, 255, 256, 65_535, 65_536, 65_627] as [UInt64] {
            let proof = try log.inclusionProof(index: index)
            #expect(proof == (try MerkleProofs.inclusion(index: index, size: 65_628, reader: tree)))
            try MerkleVerifier.verifyInclusion(
                index: index, size: 65_628, leafHash: RFC9162.leafHash(try log.entry(at: index)), proof: proof,
                root: log.committed.root)
            #expect(try log.entry(at: index) == TestKeys.entry(Int(index)))
        }
        for (m, n) in [(1, 65_628), (256, 65_536), (300, 65_628), (65_627, 65_628)] as [(UInt64, UInt64)] {
            let proof = try log.consistencyProof(from: m, to: n)
            try MerkleVerifier.verifyConsistency(
                oldSize: m, newSize: n, proof: proof, oldRoot: try tree.root(size: m), newRoot: try log.root(size: n))
        }
        #expect(try MerkleProofs.root(size: 65_628, reader: reader) == log.committed.root)
        #expect(throws: LedgerError(.sizeOutOfRange, "")) { try log.inclusionProof(index: 65_628) }
        #expect(throws: LedgerError(.sizeOutOfRange, "")) { try log.inclusionProof(index: 0, size: 70_000) }
        // The whole log verifies.
        let report = try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier)
        #expect(report.isIntact, "\(report.damages)")
        #expect(report.entriesChecked == 65_628)
        #expect(report.checkpointsChecked == 10)
    }

    @Test func groupCommitSyncsTilesBeforeTheCheckpoint() throws {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        let before = storage.syncCount
        _ = try log.append(batch: (0..<1000).map(TestKeys.entry))
        // One sync for the tiles of the whole batch, one for the checkpoint.
        #expect(storage.syncCount == before + 2)
        let note = try #require(log.published)
        #expect(note.text == Checkpoint(origin: TestKeys.origin, size: 1000, root: log.committed.root).text)
        #expect(try storage.read("checkpoint") == Array(note.serialized.utf8))
        #expect(storage.paths.contains("tile/0/003.p/232"))
        #expect(storage.paths.contains("tile/entries/003.p/232"))
        #expect(storage.paths.contains("tile/1/000.p/3"))
    }

    @Test func uncommittedEntriesAreLostOnReopenButCommittedOnesAreNot() throws {
        let storage = InMemoryLogStorage()
        do {
            let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
            _ = try log.append(batch: (0..<300).map(TestKeys.entry))
            for i in 300..<400 { try log.append(TestKeys.entry(i)) }
            #expect(log.size == 400)
        }
        let reopened = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        #expect(reopened.size == 300)
        #expect(try reopened.entry(at: 299) == TestKeys.entry(299))
        _ = try reopened.append(batch: [TestKeys.entry(300)])
        #expect(reopened.size == 301)
    }

    @Test func reopenRejectsAnotherOriginOrKey() throws {
        let storage = InMemoryLogStorage()
        _ = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        var other = TestKeys.configuration()
        other.origin = "other.test/log"
        #expect(throws: LedgerError(.unknownKey, "")) {
            // Same key, other name: the history's signature is by an unknown key.
            let signer = Ed25519NoteSigner(name: "other.test/log", privateKey: TestKeys.privateKey(1))
            other.signer = signer
            other.verifier = signer.verifier
            _ = try TransparencyLog.open(storage: storage, configuration: other)
        }
    }

    @Test func oversizedEntryIsRefused() throws {
        let log = try TransparencyLog.open(storage: InMemoryLogStorage(), configuration: TestKeys.configuration())
        #expect(throws: LedgerError(.entryTooLarge, "")) {
            try log.append(batch: [[UInt8](repeating: 0, count: 70_000)])
        }
        #expect(log.size == 0)
    }
}
