import ArgumentParser
import Foundation
import Ledger

extension LedgerCommand {
    /// `ledger witness cosign`
    struct WitnessCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "witness", abstract: "Run a witness by hand.", subcommands: [Cosign.self])

        struct Cosign: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check a checkpoint against the witness state and, if consistent, print a cosignature.",
                discussion: """
                    PROOF is either the JSON of `ledger proof consistency --json` or the head of a tlog-witness \
                    add-checkpoint request ("old N" and one base64 hash per line). A refusal prints the HTTP \
                    status the tlog-witness spec gives (400, 403, 404, 409, 422) and changes nothing.
                    """)
            @Option(help: "The witness state file (JSON); created if absent when --log-key is given.") var state: String
            @Option(help: "The witness key file (from `ledger key generate`).") var key: String
            @Option(help: "The signed checkpoint to cosign.") var checkpoint: String
            @Option(help: "The consistency proof from the witnessed size.") var proof: String
            @Option(help: "Trust this log verifier key for the checkpoint's origin.") var logKey: String?

            func run() async throws {
                try runLedger {
                    guard let keyText = try KeyFile.read(key) else {
                        throw LedgerError(.malformedKey, "\(key) does not exist")
                    }
                    guard let signer = try NoteKeys.signer(fromSignerKey: keyText) as? CosignatureSigner else {
                        throw LedgerError(.malformedKey, "\(key) is not a witness (cosignature) key")
                    }
                    let note = try SignedNote(parsing: try readFile(checkpoint))
                    let origin = try Checkpoint(text: note.text).origin
                    var witnessState = try readOptionalFile(state).map { try WitnessState(json: $0) } ?? WitnessState()
                    if let logKey {
                        _ = try NoteKeys.verifier(fromVerifierKey: logKey)
                        var record = witnessState.logs[origin] ?? .init(verifierKeys: [])
                        if !record.verifierKeys.contains(logKey) { record.verifierKeys.append(logKey) }
                        witnessState.logs[origin] = record
                    }
                    let (oldSize, hashes) = try parseProof(try readFile(proof))
                    let request = AddCheckpointRequest(oldSize: oldSize, proof: hashes, checkpoint: note)
                    let cosignature = try Witness(signer: signer).addCheckpoint(request, state: &witnessState)
                    try writeFileAtomically(state, try witnessState.json())
                    writeStandardOutput(Array(cosignature.line.utf8))
                }
            }

            private func parseProof(_ bytes: [UInt8]) throws -> (UInt64, [MerkleHash]) {
                if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] {
                    guard let from = (object["from"] as? NSNumber)?.uint64Value,
                        let list = object["hashes"] as? [String]
                    else {
                        throw LedgerError(.invalidArgument, "proof JSON needs \"from\" and \"hashes\"")
                    }
                    return (from, try list.map { try hash($0) })
                }
                let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
                guard let first = lines.first, first.hasPrefix("old "), let old = UInt64(first.dropFirst(4)) else {
                    throw LedgerError(.invalidArgument, "proof file must be proof JSON or start with 'old <size>'")
                }
                return (old, try lines.dropFirst().map { try hash($0) })
            }

            private func hash(_ text: String) throws -> MerkleHash {
                guard let hash = MerkleHash(base64: text) else {
                    throw LedgerError(.invalidArgument, "'\(text.prefix(60))' is not the base64 of a 32-byte hash")
                }
                return hash
            }
        }
    }
}

func readFile(_ path: String) throws -> [UInt8] {
    guard let bytes = try readOptionalFile(path) else { throw LedgerError(.storage, "\(path) does not exist") }
    return bytes
}

func readOptionalFile(_ path: String) throws -> [UInt8]? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    do {
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        throw LedgerError(.storage, "cannot read \(path): \(error.localizedDescription)")
    }
}

func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws {
    // Temporary file, fsync, rename, fsync the directory: the witness must persist its
    // state before it hands out a cosignature.
    let url = URL(fileURLWithPath: path)
    let storage = try POSIXLogStorage(root: url.deletingLastPathComponent().path)
    try storage.write(url.lastPathComponent, bytes)
    try storage.sync()
}
