// A child process for the ledger's crash tests: appends batches to a log on disk and
// prints "ack <size>" after each acknowledged commit, until it is killed.
// Usage: LedgerCrashChild <directory> <batch size> <batches> [checkpoint interval in ms]
import Crypto
import Foundation
import Ledger

let arguments = CommandLine.arguments
guard (4...5).contains(arguments.count), let batchSize = Int(arguments[2]), let batches = Int(arguments[3]),
    let intervalMillis = arguments.count == 5 ? Int(arguments[4]) : 0
else {
    FileHandle.standardError.write(
        Data("usage: LedgerCrashChild <directory> <batch size> <batches> [checkpoint interval in ms]\n".utf8))
    exit(64)
}

/// The same deterministic key and entries as the test that checks the result.
let seed = [UInt8](repeating: 1, count: 32)
guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else { exit(70) }
let signer = Ed25519NoteSigner(name: "fundwatch.test/crash", privateKey: key)

func entry(_ index: UInt64) -> [UInt8] {
    Array("{\"entry\":\(index),\"padding\":\"\(String(repeating: "x", count: Int(index % 97)))\"}".utf8)
}

do {
    var configuration = TransparencyLog.Configuration(origin: signer.name, signer: signer, verifier: signer.verifier)
    configuration.checkpointInterval = .milliseconds(intervalMillis)
    let log = try TransparencyLog.open(storage: try POSIXLogStorage(root: arguments[1]), configuration: configuration)
    FileHandle.standardOutput.write(Data("open \(log.size)\n".utf8))
    for _ in 0..<batches {
        let start = log.size
        // A random batch size around the requested one, so crashes land everywhere.
        let count = Int.random(in: 1...max(1, batchSize))
        _ = try log.append(batch: (start..<(start + UInt64(count))).map(entry))
        FileHandle.standardOutput.write(Data("ack \(log.committed.size)\n".utf8))
        // Now and then a clean close, so that kills also land in it and in the clean open after it.
        if Int.random(in: 0..<16) == 0 { try log.close() }
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
