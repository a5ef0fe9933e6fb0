import Foundation
import Ledger
import Testing

/// `Configuration.checkpointInterval`: commits that defer the right edge and the served
/// checkpoint stay durable through the journal, and the served files stay consistent.
@Suite struct DeferredPublicationTests {
    static func configuration(interval: Duration) -> TransparencyLog.Configuration {
        var configuration = TestKeys.configuration()
        configuration.checkpointInterval = interval
        return configuration
    }

    /// The served checkpoint's size, after checking that its root is what the served tiles give.
    static func servedSize(_ storage: InMemoryLogStorage) throws -> UInt64 {
        let note = try SignedNote(parsing: try #require(try storage.read(TilePath.checkpoint)))
        _ = try note.verify(with: [TestKeys.logSigner.verifier])
        let checkpoint = try Checkpoint(text: note.text)
        let reader = TileNodeReader(storage: storage, size: checkpoint.size, cacheCapacity: 4, useNodeIndex: false)
        #expect(try MerkleProofs.root(size: checkpoint.size, reader: reader) == checkpoint.root)
        return checkpoint.size
    }

    @Test func deferredCommitsLeaveTheServedCheckpointConsistentAndSurvivePowerLoss() throws {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(
            storage: storage, configuration: Self.configuration(interval: .seconds(3600)))
        _ = try log.append(batch: (0..<300).map(TestKeys.entry))
        _ = try log.append(batch: (300..<301).map(TestKeys.entry))
        // The first commit came well within the interval of opening: nothing published yet.
        #expect(try Self.servedSize(storage) == 0)
        #expect(log.committed.size == 301)
        #expect(!storage.paths.contains(TilePath.tile(level: 0, index: 1, width: 45)))
        // Each commit flushed once: the journal record is the commit point.
        storage.simulatePowerLoss()
        let reopened = try TransparencyLog.open(
            storage: storage, configuration: Self.configuration(interval: .seconds(3600)))
        #expect(reopened.size == 301)
        #expect(try reopened.entry(at: 300) == TestKeys.entry(300))
        // Reopening rebuilt the right edge from the journal and published the checkpoint.
        #expect(try Self.servedSize(storage) == 301)
        let report = try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier)
        #expect(report.isIntact, "\(report.damages)")
    }

    @Test func readingFromTheLogPublishesWhatWasDeferred() throws {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(
            storage: storage, configuration: Self.configuration(interval: .seconds(3600)))
        _ = try log.append(batch: (0..<700).map(TestKeys.entry))
        // Staged but not committed: must not be published by the read below.
        try log.append(TestKeys.entry(700))
        #expect(try Self.servedSize(storage) == 0)
        let proof = try log.inclusionProof(index: 699)
        #expect(try Self.servedSize(storage) == 700)
        let root = try log.root()
        try MerkleVerifier.verifyInclusion(
            index: 699, size: 700, leafHash: RFC9162.leafHash(TestKeys.entry(699)), proof: proof, root: root)
        // The staged entry commits normally afterwards, and a commit with nothing staged publishes.
        _ = try log.commit()
        #expect(log.committed.size == 701)
        _ = try log.commit()
        #expect(try Self.servedSize(storage) == 701)
        #expect(try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier).isIntact)
    }

    @Test func journalRestartPublishesTheDeferredEdgeFirst() throws {
        let storage = InMemoryLogStorage()
        var configuration = Self.configuration(interval: .seconds(3600))
        configuration.journalRestartBytes = 20_000
        let log = try TransparencyLog.open(storage: storage, configuration: configuration)
        for batch in 0..<10 {
            _ = try log.append(batch: (batch * 97..<(batch + 1) * 97).map(TestKeys.entry))
        }
        #expect(try Self.servedSize(storage) > 0)
        storage.simulatePowerLoss()
        let reopened = try TransparencyLog.open(storage: storage, configuration: configuration)
        #expect(reopened.size == 970)
        #expect(try reopened.entry(at: 969) == TestKeys.entry(969))
        #expect(try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier).isIntact)
    }

    @Test func zeroIntervalPublishesEveryCommit() throws {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(storage: storage, configuration: Self.configuration(interval: .zero))
        for batch in 0..<3 {
            _ = try log.append(batch: (batch * 100..<(batch + 1) * 100).map(TestKeys.entry))
            #expect(try Self.servedSize(storage) == UInt64((batch + 1) * 100))
        }
    }

    @Test func aCommitWithinTheIntervalIsOneJournalFlushAndWritesNoTile() throws {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(
            storage: storage, configuration: Self.configuration(interval: .seconds(3600)))
        let syncs = storage.syncCount
        _ = try log.append(batch: (0..<600).map(TestKeys.entry))
        _ = try log.append(batch: (600..<1100).map(TestKeys.entry))
        #expect(storage.syncCount == syncs + 2)
        // Full tiles, bundles and node-index records wait in memory with the right edge.
        #expect(try storage.read(TilePath.tile(level: 0, index: 0)) == nil)
        #expect(try storage.read(TilePath.entryBundle(index: 3)) == nil)
        #expect(try storage.length(NodeIndex.path) == nil)
        try log.publishDeferred()
        #expect(try Self.servedSize(storage) == 1100)
        #expect(try storage.read(TilePath.entryBundle(index: 3)) != nil)
        #expect(try storage.length(NodeIndex.path) == 4 * NodeIndex.recordBytes)
        // Entries staged after a deferred commit are neither written twice nor lost.
        _ = try log.append(batch: (1100..<1400).map(TestKeys.entry))
        try log.append(TestKeys.entry(1400))
        try log.publishDeferred()
        _ = try log.commit()
        try log.publishDeferred()
        #expect(try Self.servedSize(storage) == 1401)
        let report = try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier)
        #expect(report.isIntact, "\(report.damages)")
        storage.simulatePowerLoss()
        let reopened = try TransparencyLog.open(
            storage: storage, configuration: Self.configuration(interval: .seconds(3600)))
        #expect(reopened.size == 1401)
        #expect(try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier).isIntact)
    }
}
