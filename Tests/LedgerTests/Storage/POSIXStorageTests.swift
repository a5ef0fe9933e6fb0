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
}
