import Foundation
import Ledger
import Testing

@Suite struct POSIXStorageTests {
    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-test-\(UUID().uuidString)")
            .path
        return path
    }

    @Test func logOnDiskReopensAndServesStaticFiles() throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            let log = try TransparencyLog.open(
                storage: try POSIXLogStorage(root: root), configuration: TestKeys.configuration())
            _ = try log.append(batch: (0..<600).map(TestKeys.entry))
        }
        let files = Set(try FileManager.default.subpathsOfDirectory(atPath: root))
        for expected in [
            "checkpoint", "checkpoints", "tile/0/000", "tile/0/001", "tile/0/002.p/88", "tile/1/000.p/2",
            "tile/entries/000", "tile/entries/002.p/88",
        ] {
            #expect(files.contains(expected), "\(expected)")
        }
        #expect(!files.contains { $0.hasSuffix(".tmp") })
        let log = try TransparencyLog.open(
            storage: try POSIXLogStorage(root: root), configuration: TestKeys.configuration())
        #expect(log.size == 600)
        #expect(try log.entry(at: 599) == TestKeys.entry(599))
        let report = try LogVerifier.verify(
            storage: try POSIXLogStorage(root: root), verifier: TestKeys.logSigner.verifier)
        #expect(report.isIntact)
    }

    @Test func keyFilesAreCreatedOnceWithMode0600() throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/log.key"
        let first = try KeyFile.loadOrCreateLogKey(path: path, name: "fundwatch.local/ledger")
        let again = try KeyFile.loadOrCreateLogKey(path: path, name: "fundwatch.local/ledger")
        #expect(first.verifierKey == again.verifierKey)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(throws: LedgerError(.originMismatch, "")) {
            try KeyFile.loadOrCreateLogKey(path: path, name: "other/log")
        }

        let witnessPath = root + "/w.key"
        let witness = try KeyFile.createWitnessKey(path: witnessPath, name: "witness.example/w1")
        #expect(witness.verifierKey.hasPrefix("witness.example/w1+"))
        #expect(try NoteKeys.verifier(fromVerifierKey: witness.verifierKey) is CosignatureVerifier)
        #expect(throws: LedgerError(.keyExists, "")) {
            try KeyFile.createWitnessKey(path: witnessPath, name: "witness.example/w1")
        }
        #expect(throws: LedgerError(.malformedKey, "")) {
            try KeyFile.createWitnessKey(path: root + "/x.key", name: "bad name")
        }
    }

    @Test func proofsFromTheMappedNodeIndexMatchTheWholeTree() throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = try TransparencyLog.open(
            storage: try POSIXLogStorage(root: root), configuration: TestKeys.configuration())
        var tree = InMemoryMerkleTree()
        var next = 0
        // Crosses a full level-1 tile (65,536 leaves); commits of uneven sizes.
        for count in [70_000, 1, 1_234] {
            let entries = (next..<(next + count)).map { Array("entry \($0)".utf8) }
            for entry in entries { tree.append(leafHash: RFC9162.leafHash(entry)) }
            _ = try log.append(batch: entries)
            next += count
        }
        let size = UInt64(next)
        let mapped = TileNodeReader(storage: try POSIXLogStorage(root: root), size: size, cacheCapacity: 8)
        let fromTiles = TileNodeReader(
            storage: try POSIXLogStorage(root: root), size: size, cacheCapacity: 8, useNodeIndex: false)
        var generator = SystemRandomNumberGenerator()
        let indices = [0, 255, 256, 65_535, 65_536, size - 1] + (0..<200).map { _ in UInt64.random(in: 0..<size, using: &generator) }
        for index in indices {
            let expected = try MerkleProofs.inclusion(index: index, size: size, reader: tree)
            #expect(try MerkleProofs.inclusion(index: index, size: size, reader: mapped) == expected, "\(index)")
            #expect(try MerkleProofs.inclusion(index: index, size: size, reader: fromTiles) == expected, "\(index)")
            #expect(try log.inclusionProof(index: index) == expected, "\(index)")
        }
        #expect(try MerkleProofs.root(size: size, reader: mapped) == log.committed.root)
        // Readers that come and go release their mappings: a thousand of them map nothing more.
        let storage = try POSIXLogStorage(root: root)
        let before = Self.mappingCount(of: root)
        #if os(Linux)
            #expect(before >= 1, "the reader above maps the node index")
        #endif
        for i in 0..<1_000 {
            let reader = TileNodeReader(storage: storage, size: size, cacheCapacity: 2)
            #expect(try reader.node(level: 0, index: UInt64(i * 64)) == (try tree.node(level: 0, index: UInt64(i * 64))))
        }
        #expect(Self.mappingCount(of: root) == before)
        // `mapped` stays alive to here: Swift may release an object after its last use, and its
        // mapping with it, which would change the count between the two readings.
        withExtendedLifetime(mapped) {}
    }

    /// How many memory mappings of the node index this process holds (Linux; 0 elsewhere).
    static func mappingCount(of root: String) -> Int {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return 0 }
        return maps.split(separator: "\n").filter { $0.hasSuffix(root + "/" + NodeIndex.path) }.count
    }
}
