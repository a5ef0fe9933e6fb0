import Crypto
import Foundation
import Ledger

/// Logs and inputs shared by the ledger benchmarks.
enum BenchLog {
    static let signer = Ed25519NoteSigner(
        name: "fundwatch.bench/ledger",
        privateKey: (try? Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 3, count: 32)))
            ?? Curve25519.Signing.PrivateKey())

    static var configuration: TransparencyLog.Configuration {
        .init(origin: signer.name, signer: signer, verifier: signer.verifier)
    }

    static let sampleEntries: [[UInt8]] = (0..<1024).map { i in
        let payload = SHA256.hash(data: Data("payload \(i)".utf8)).map { String(format: "%02x", $0) }.joined()
        let entry = try? LedgerEntry(
            type: .paymentCheck, time: Date(timeIntervalSince1970: 1_764_000_000 + Double(i)),
            actor: "auditor-\(i % 17)", subject: "payment/2025-11/\(100_000 + i)", payloadSHA256: payload)
        return entry?.canonicalJSON ?? []
    }

    static func inMemory() throws -> TransparencyLog {
        try TransparencyLog.open(storage: InMemoryLogStorage(), configuration: configuration)
    }

    static func onDisk() throws -> (TransparencyLog, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ledger-bench-\(UUID().uuidString)"
        ).path
        return (
            try TransparencyLog.open(storage: try POSIXLogStorage(root: directory), configuration: configuration),
            directory
        )
    }

    static let singleDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-bench-single")
        .path
    static let batchDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-bench-batch")
        .path

    /// A fresh log on disk that lives for all iterations of one benchmark.
    final class SingleState {
        let log: TransparencyLog
        init(directory: String, interval: Duration = .zero) throws {
            try? FileManager.default.removeItem(atPath: directory)
            var configuration = BenchLog.configuration
            configuration.checkpointInterval = interval
            log = try TransparencyLog.open(storage: try POSIXLogStorage(root: directory), configuration: configuration)
        }
    }

    /// The 10-million-entry log, built once and kept between runs.
    static let bigSize: UInt64 = 10_000_000
    static let bigDirectory =
        ProcessInfo.processInfo.environment["LEDGER_BENCH_10M"]
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("fundwatch-ledger-bench-10m").path

    /// The 10-million-entry log, built on first use (and closed, so later opens replay nothing).
    static func bigLog() throws -> TransparencyLog {
        let log = try TransparencyLog.open(
            storage: try POSIXLogStorage(root: bigDirectory), configuration: configuration)
        if log.committed.size < bigSize {
            var entry = [UInt8](repeating: 0x62, count: 16)
            while log.size < bigSize {
                let batch = min(100_000, bigSize - log.size)
                for _ in 0..<batch {
                    withUnsafeBytes(of: log.size.bigEndian) { entry.replaceSubrange(0..<8, with: $0) }
                    try log.append(entry)
                }
                try log.commit()
            }
        }
        try log.close()
        return log
    }

    /// The previous proof path: a tile reader with up to 1,024 expanded tiles (about 16 MiB).
    static func bigLogReader() throws -> TileNodeReader {
        TileNodeReader(storage: try bigLog().storage, size: bigSize, cacheCapacity: 1024)
    }

    /// The fast prover of the 10-million-entry log, its answers checked against the
    /// previous path first (a benchmark of wrong proofs would be worthless).
    static func bigLogProver(releaseMappedPagesEvery: Int? = nil) throws -> InclusionProver {
        let log = try bigLog()
        try log.rebuildNodeIndex()
        let prover = try InclusionProver(
            storage: log.storage, size: bigSize, releaseMappedPagesEvery: releaseMappedPagesEvery)
        let reader = TileNodeReader(storage: log.storage, size: bigSize, cacheCapacity: 64)
        let root = log.committed.root
        var generator = SplitMix64(seed: 99)
        for _ in 0..<200 {
            let index = generator.next() % bigSize
            let proof = try prover.inclusionProof(index: index)
            let leaf = try reader.node(level: 0, index: index)
            guard proof == (try MerkleProofs.inclusion(index: index, size: bigSize, reader: reader)),
                (try? MerkleVerifier.verifyInclusion(
                    index: index, size: bigSize, leafHash: leaf, proof: proof, root: root)) != nil
            else { throw LedgerError(.rootMismatch, "the prover's proof of \(index) does not verify") }
        }
        return prover
    }
}

/// A small deterministic generator for benchmark indices.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
