import Foundation
import Ledger
import Testing

/// `verify` finds each kind of damage and says where it is.
@Suite struct LogVerifierTests {
    static func makeLog(size: Int = 700) throws -> InMemoryLogStorage {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        _ = try log.append(batch: (0..<(size / 2)).map(TestKeys.entry))
        _ = try log.append(batch: ((size / 2)..<size).map(TestKeys.entry))
        return storage
    }

    static func verify(_ storage: InMemoryLogStorage) throws -> LogVerificationReport {
        try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier)
    }

    @Test func alteredEntryIsFoundByIndex() throws {
        let storage = try Self.makeLog()
        let path = "tile/entries/001"
        var bundle = try #require(try storage.read(path))
        // Change one character inside entry 256 + 3 (without changing lengths).
        let entries = try TileCodec.decodeBundle(bundle)
        let target = entries[3].startIndex + 10
        bundle[target] ^= 0x01
        storage.corrupt(path, bundle)
        let report = try Self.verify(storage)
        #expect(!report.isIntact)
        #expect(report.damages.contains { $0.kind == .alteredEntry && $0.index == 259 }, "\(report.damages)")
        #expect(report.damages.contains { $0.kind == .rootMismatch })
    }

    @Test func truncatedBundleIsFound() throws {
        let storage = try Self.makeLog()
        let path = "tile/entries/002.p/188"
        let bundle = try #require(try storage.read(path))
        storage.corrupt(path, Array(bundle.dropLast(5)))
        let report = try Self.verify(storage)
        #expect(report.damages.first?.kind == .truncatedEntryBundle)
        #expect(report.damages.first?.index == 512 + 187)
    }

    @Test func missingBundleIsFound() throws {
        let storage = try Self.makeLog()
        storage.corrupt("tile/entries/000", nil)
        let report = try Self.verify(storage)
        #expect(report.damages.first?.kind == .missingEntryBundle)
        #expect(report.damages.first?.index == 0)
    }

    @Test func alteredTruncatedAndMissingTilesAreFound() throws {
        var storage = try Self.makeLog()
        var tile = try #require(try storage.read("tile/0/001"))
        tile[32 * 7] ^= 0xff
        storage.corrupt("tile/0/001", tile)
        var report = try Self.verify(storage)
        #expect(report.damages.map(\.kind) == [.alteredTile])
        #expect(report.damages.first?.index == 256 + 7)

        storage = try Self.makeLog()
        storage.corrupt("tile/1/000.p/2", Array(try #require(try storage.read("tile/1/000.p/2")).dropLast()))
        report = try Self.verify(storage)
        #expect(report.damages.map(\.kind) == [.truncatedTile])
        #expect(report.damages.first?.path == "tile/1/000.p/2")

        storage = try Self.makeLog()
        storage.corrupt("tile/0/000", nil)
        report = try Self.verify(storage)
        #expect(report.damages.map(\.kind) == [.missingTile])
    }

    @Test func forgedCheckpointIsFound() throws {
        let storage = try Self.makeLog()
        var history = try #require(try storage.read(CheckpointHistory.path))
        // Flip a bit in the root of the last recorded checkpoint; its signature breaks.
        let text = String(decoding: history, as: UTF8.self)
        let range = try #require(text.range(of: "\n700\n"))
        let offset = text.utf8.distance(from: text.startIndex, to: range.upperBound)
        history[offset + 2] ^= 0x01
        storage.corrupt(CheckpointHistory.path, history)
        let report = try Self.verify(storage)
        #expect(report.damages.contains { $0.kind == .badCheckpoint })
    }

    @Test func tornHistoryIsToleratedAndCutOnReopen() throws {
        let storage = try Self.makeLog()
        let history = try #require(try storage.read(CheckpointHistory.path))
        storage.corrupt(CheckpointHistory.path, history + Array("123\nfundwatch".utf8))
        #expect(try Self.verify(storage).isIntact)
        let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        #expect(log.size == 700)
        #expect(try storage.read(CheckpointHistory.path) == history)
    }
}

@Suite struct NodeIndexTests {
    @Test func proofsUseTheNodeIndexAndSurviveItsLoss() throws {
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(storage: storage, configuration: TestKeys.configuration())
        _ = try log.append(batch: (0..<1500).map(TestKeys.entry))
        #expect(try storage.read(NodeIndex.path)?.count == 5 * NodeIndex.recordBytes)
        var tree = InMemoryMerkleTree()
        for i in 0..<1500 { tree.append(leafHash: RFC9162.leafHash(TestKeys.entry(i))) }
        let withIndex = TileNodeReader(storage: storage, size: 1500)
        let withoutIndex = TileNodeReader(storage: storage, size: 1500, useNodeIndex: false)
        for index in stride(from: UInt64(0), to: 1500, by: 37) {
            let expected = try MerkleProofs.inclusion(index: index, size: 1500, reader: tree)
            #expect(try MerkleProofs.inclusion(index: index, size: 1500, reader: withIndex) == expected)
            #expect(try MerkleProofs.inclusion(index: index, size: 1500, reader: withoutIndex) == expected)
        }
        // A lost index only slows proofs down; an altered one is reported by verify.
        storage.corrupt(NodeIndex.path, [UInt8](repeating: 0, count: 5 * NodeIndex.recordBytes))
        #expect(
            try MerkleProofs.inclusion(index: 700, size: 1500, reader: TileNodeReader(storage: storage, size: 1500))
                == (try MerkleProofs.inclusion(index: 700, size: 1500, reader: tree)))
        #expect(try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier).isIntact)
        var bytes = [UInt8](repeating: 0, count: 5 * NodeIndex.recordBytes)
        bytes[NodeIndex.recordBytes * 2 + 5] = 1
        storage.corrupt(NodeIndex.path, bytes)
        let report = try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier)
        #expect(report.damages.map(\.kind) == [.alteredNodeIndex])
        #expect(report.damages.first?.index == 512)
    }
}
