import Foundation
import Ledger
import Storage

/// Checks a cosigned checkpoint a department's witness submits, before the log stores it.
///
/// C2SP tlog-witness gives the witness the `add-checkpoint` endpoint: the log (or its client)
/// POSTs to the witness. A FundWatch department's witness often cannot be reached from the
/// log (no inbound connections into a bureau's network), so here the roles are kept and only
/// the direction of the connection changes: the witness fetches from the log exactly the
/// add-checkpoint request body it would have received (`GET /ledger/witness/add-checkpoint?old=N`),
/// runs its own checks (`Witness.addCheckpoint`, its state file), and submits back the
/// checkpoint with its cosignature. The log never cosigns anything itself; it checks that the
/// submission is its own checkpoint (its signature, its root at that size) and that the
/// cosignature verifies under a witness key named in its policy, then stores and serves it.
/// The status codes follow the spec's meanings: 400 malformed, 403 no trusted signature,
/// 404 another log's origin, 409 a size the log does not have, 422 a root that is not the
/// log's (evidence of a fork, logged).
struct WitnessCosignatureIntake {
    /// A refusal with its HTTP status.
    struct Refusal: Error {
        let status: Int
        let message: String
    }

    let trail: AuditTrail
    let policy: LogPolicy

    /// The accepted cosignatures (one per policy witness that signed).
    func check(_ body: String, receivedAt: Date) throws(Refusal) -> [StoredCosignature] {
        let note: SignedNote
        let checkpoint: Checkpoint
        do {
            note = try SignedNote(parsing: body)
            checkpoint = try Checkpoint(text: note.text)
        } catch {
            throw Refusal(status: 400, message: "not a signed checkpoint note: \(error)")
        }
        let logVerifier = trail.verifier
        guard let committed = try? trail.signedCheckpoint(), let ours = try? Checkpoint(text: committed.text) else {
            throw Refusal(status: 503, message: "the log cannot be read right now; try again")
        }
        guard checkpoint.origin == ours.origin else {
            throw Refusal(status: 404, message: "origin \(checkpoint.origin) is not this log (\(ours.origin))")
        }
        let message = Array(note.text.utf8)
        guard
            let logSignature = note.signatures.first(where: {
                $0.name == logVerifier.name && $0.keyID == logVerifier.keyID
                    && logVerifier.verify(message: message, signature: $0.signature)
            })
        else {
            throw Refusal(status: 403, message: "the checkpoint does not carry a valid signature of this log")
        }
        guard checkpoint.size <= ours.size else {
            throw Refusal(status: 409, message: "size \(checkpoint.size) exceeds the log's size \(ours.size)")
        }
        guard let root = try? trail.root(size: checkpoint.size) else {
            throw Refusal(status: 503, message: "the log's root at size \(checkpoint.size) cannot be read right now")
        }
        guard root == checkpoint.root else {
            throw Refusal(status: 422, message: "root at size \(checkpoint.size) is not this log's root: not a checkpoint of this log")
        }
        var accepted = [StoredCosignature]()
        for member in policy.witnesses {
            guard
                let signature = note.signatures.first(where: {
                    $0.name == member.verifier.name && $0.keyID == member.verifier.keyID
                        && member.verifier.verify(message: message, signature: $0.signature)
                })
            else { continue }
            accepted.append(
                StoredCosignature(
                    treeSize: checkpoint.size, root: checkpoint.root.base64, witness: member.name, line: signature.line,
                    logLine: logSignature.line, receivedAt: receivedAt))
        }
        guard !accepted.isEmpty else {
            throw Refusal(
                status: 403,
                message: "no valid cosignature from a witness of the log policy (\(policy.witnesses.map(\.name).joined(separator: ", ")))")
        }
        return accepted
    }
}
