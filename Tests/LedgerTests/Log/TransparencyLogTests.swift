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

    @Test func groupCommitFlushesOnceForTheWholeBatch() throws {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        let before = storage.syncCount
        _ = try log.append(batch: (0..<1000).map(TestKeys.entry))
        // One flush, of the commit journal, for the whole batch and its checkpoint.
        #expect(storage.syncCount == before + 1)
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

    @Test(arguments: [1, 7, 40])
    func powerLossKeepsEveryAcknowledgedBatch(batches: Int) throws {
        let storage = InMemoryLogStorage()
        var acknowledged: UInt64 = 0
        do {
            let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
            var next = 0
            for b in 0..<batches {
                let count = [1, 255, 256, 300, 1000][b % 5]
                acknowledged = try log.append(batch: (next..<(next + count)).map(TestKeys.entry)).upperBound
                next += count
            }
            // Staged, never committed: may be lost.
            for i in next..<(next + 50) { try log.append(TestKeys.entry(i)) }
        }
        // Only what a sync made durable survives: tiles, bundles, history and the served
        // checkpoint written since the journal started are gone; the journal is not.
        storage.simulatePowerLoss()
        let reopened = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        #expect(reopened.committed.size == acknowledged)
        var tree = InMemoryMerkleTree()
        for i in 0..<Int(acknowledged) { tree.append(leafHash: RFC9162.leafHash(TestKeys.entry(i))) }
        #expect(reopened.committed.root == (try tree.root()))
        #expect(try reopened.entry(at: acknowledged - 1) == TestKeys.entry(Int(acknowledged - 1)))
        let note = try #require(reopened.published)
        #expect(try Checkpoint(text: note.text) == reopened.committed)
        let report = try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier)
        #expect(report.isIntact, "\(report.damages)")
        #expect(report.entriesChecked == acknowledged)
        // And a second power loss right after reopening loses nothing either.
        storage.simulatePowerLoss()
        let again = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        #expect(again.committed == reopened.committed)
        _ = try again.append(batch: [TestKeys.entry(Int(acknowledged))])
        #expect(try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier).isIntact)
    }

    @Test func tornJournalRecordIsIgnoredAndTheLogReopensAtTheLastWholeBatch() throws {
        let storage = InMemoryLogStorage()
        do {
            let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
            _ = try log.append(batch: (0..<300).map(TestKeys.entry))
            _ = try log.append(batch: (300..<700).map(TestKeys.entry))
        }
        // Cut the journal in the middle of its last record, then lose everything unsynced.
        let journal = try #require(try storage.read("journal"))
        let parsed = try #require(JournalProbe.recordEnds(journal))
        // The empty tree's commit, then the two batches.
        #expect(parsed.count == 3)
        storage.corrupt("journal", Array(journal.prefix(parsed[1] + 40)))
        storage.simulatePowerLoss()
        let reopened = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        #expect(reopened.committed.size == 300)
        #expect(try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier).isIntact)
    }
}

extension TransparencyLogTests {
    @Test func journalRestartsKeepEveryBatchThroughPowerLosses() throws {
        let storage = InMemoryLogStorage()
        var configuration = TestKeys.configuration()
        // A tiny journal: it restarts every few commits, leaving older records of other
        // lengths behind its new ones, which must never be read as part of the new chain.
        configuration.journalRestartBytes = 20_000
        var next = 0
        var acknowledged: UInt64 = 0
        for round in 0..<4 {
            let log = try TransparencyLog.open(storage: storage, configuration: configuration)
            #expect(log.committed.size == acknowledged, "round \(round)")
            for b in 0..<9 {
                let count = [1, 40, 3, 120, 17, 256, 2, 90, 5][(b + round) % 9]
                acknowledged = try log.append(batch: (next..<(next + count)).map(TestKeys.entry)).upperBound
                next += count
            }
            storage.simulatePowerLoss()
        }
        let log = try TransparencyLog.open(storage: storage, configuration: configuration)
        #expect(log.committed.size == acknowledged)
        var tree = InMemoryMerkleTree()
        for i in 0..<next { tree.append(leafHash: RFC9162.leafHash(TestKeys.entry(i))) }
        #expect(log.committed.root == (try tree.root()))
        let report = try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier)
        #expect(report.isIntact, "\(report.damages)")
        #expect(report.entriesChecked == acknowledged)
    }
}

/// Reads record boundaries of a commit journal (the layout CommitJournal documents).
enum JournalProbe {
    static func recordEnds(_ bytes: [UInt8]) -> [Int]? {
        guard bytes.count >= 16, bytes.prefix(4).elementsEqual("FWJ1".utf8) else { return nil }
        func u32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var ends: [Int] = []
        var offset = 16
        while offset + 24 <= bytes.count, bytes[offset..<(offset + 4)].elementsEqual("FWR1".utf8) {
            let entryLength = u32(offset + 16)
            let noteLength = u32(offset + 20 + entryLength)
            offset += 24 + entryLength + noteLength
            ends.append(offset)
        }
        return ends
    }
}
