import Crypto
import Foundation
import Ledger
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Kills a child process that is appending to a log at random moments, reopens the log
/// and checks that every acknowledged entry survived and the log verifies.
@Suite(.serialized) struct CrashRecoveryTests {
    static var childPath: String? {
        let debugDirectory = Bundle.module.bundleURL.deletingLastPathComponent()
        let path = debugDirectory.appendingPathComponent("LedgerCrashChild").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static let signer: Ed25519NoteSigner = {
        let key = (try? Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 32)))!
        return Ed25519NoteSigner(name: "fundwatch.test/crash", privateKey: key)
    }()

    static func entry(_ index: UInt64) -> [UInt8] {
        Array("{\"entry\":\(index),\"padding\":\"\(String(repeating: "x", count: Int(index % 97)))\"}".utf8)
    }

    /// Runs the child for a random time up to `maxMillis`, kills it with SIGKILL and
    /// returns the largest size it acknowledged. With `afterOpen` the time counts from the
    /// moment the child has opened the log: on a busy machine starting a process and
    /// opening can take longer than `maxMillis`, and those rounds would never append.
    static func runAndKill(
        directory: String, batchSize: Int, maxMillis: Int, intervalMillis: Int = 0, afterOpen: Bool = false
    ) throws -> UInt64 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try #require(childPath))
        child.arguments = [directory, String(batchSize), "1000000", String(intervalMillis)]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        var text = ""
        while afterOpen, !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // The child ended before it opened the log.
            text += String(decoding: chunk, as: UTF8.self)
        }
        usleep(UInt32(Int.random(in: 5...maxMillis) * 1000))
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Only complete lines count: a line cut by the kill was not read as an acknowledgement.
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .compactMap { $0.hasPrefix("ack ") ? UInt64($0.dropFirst(4)) : nil }.max() ?? 0
    }

    /// Every commit publishes (the default), or commits publish their checkpoint and right
    /// edge only every 30 ms and the journal alone keeps the others.
    /// Reads the published files as a tlog-tiles client would: the served checkpoint, its
    /// signature, the root recomputed from the hash tiles for its size, and the last entry
    /// bundle against the level-0 tile.
    static func expectServedFilesConsistent(directory: String, round: Int) throws {
        let storage = try POSIXLogStorage(root: directory)
        guard let bytes = try storage.read(TilePath.checkpoint) else { return }
        let note = try SignedNote(parsing: bytes)
        _ = try note.verify(with: [signer.verifier])
        let checkpoint = try Checkpoint(text: note.text)
        guard checkpoint.size > 0 else { return }
        let reader = TileNodeReader(storage: storage, size: checkpoint.size, cacheCapacity: 8, useNodeIndex: false)
        #expect(
            try MerkleProofs.root(size: checkpoint.size, reader: reader) == checkpoint.root,
            "round \(round): served tiles do not match the served checkpoint at \(checkpoint.size)")
        let last = checkpoint.size - 1
        let entry = try TransparencyLog.entry(at: last, size: checkpoint.size, storage: storage)
        #expect(try reader.node(level: 0, index: last) == RFC9162.leafHash(entry), "round \(round)")
    }

    @Test(
        .enabled(if: childPath != nil, "the LedgerCrashChild executable is built next to the tests"),
        arguments: [0, 30])
    func killedAppendsNeverLoseAcknowledgedEntries(intervalMillis: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ledger-crash-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var acknowledged: UInt64 = 0
        var kills = 0
        for round in 0..<12 {
            // Odd rounds are killed while appending; even ones anywhere, opening included.
            let acked = try Self.runAndKill(
                directory: directory, batchSize: round % 3 == 0 ? 1 : 700, maxMillis: 400,
                intervalMillis: intervalMillis, afterOpen: round % 2 == 1)
            // What a reader of the published files sees is consistent, before any recovery.
            try Self.expectServedFilesConsistent(directory: directory, round: round)
            acknowledged = max(acknowledged, acked)
            kills += 1
            let log = try TransparencyLog.open(
                storage: try POSIXLogStorage(root: directory),
                configuration: .init(origin: Self.signer.name, signer: Self.signer, verifier: Self.signer.verifier))
            #expect(log.size >= acknowledged, "round \(round): reopened at \(log.size), acknowledged \(acknowledged)")
            // A kill before the first acknowledgement leaves an empty log: nothing to read back.
            let last = max(log.size, 1) - 1
            for index in Set([0, acknowledged / 2, max(acknowledged, 1) - 1, last]) where index < log.size {
                #expect(try log.entry(at: index) == Self.entry(index))
            }
            let report = try LogVerifier.verify(
                storage: try POSIXLogStorage(root: directory), verifier: Self.signer.verifier)
            #expect(report.isIntact, "round \(round): \(report.damages)")
            acknowledged = log.size
        }
        #expect(kills == 12)
        #expect(acknowledged > 0)
    }
}
