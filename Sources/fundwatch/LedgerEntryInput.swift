import Crypto
import Foundation
import Ledger

/// Turns the `--json` of `ledger append` into an entry.
enum LedgerEntryInput {
    static func entry(type: LedgerEntry.EntryType, json: String, time: Date) throws -> LedgerEntry {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw LedgerError(.malformedEntry, "--json must be a JSON object")
        }
        let allowed: Set<String> = ["actor", "subject", "payload", "payload_sha256"]
        if let extra = object.keys.first(where: { !allowed.contains($0) }) {
            throw LedgerError(
                .malformedEntry, "unexpected field \(extra); expected actor, subject, payload or payload_sha256")
        }
        guard let actor = object["actor"] as? String, let subject = object["subject"] as? String else {
            throw LedgerError(.malformedEntry, "actor and subject must be strings")
        }
        let payloadHash: String
        switch (object["payload_sha256"], object["payload"]) {
        case (let hash as String, nil):
            payloadHash = hash
        case (nil, let payload as String):
            payloadHash = HexCoding.encode(SHA256.hash(data: Data(payload.utf8)))
        case (nil, let payload?):
            guard JSONSerialization.isValidJSONObject(payload) else {
                throw LedgerError(.malformedEntry, "payload must be a string, an object or an array")
            }
            let bytes = try JSONSerialization.data(
                withJSONObject: payload, options: [.sortedKeys, .withoutEscapingSlashes])
            payloadHash = HexCoding.encode(SHA256.hash(data: bytes))
        default:
            throw LedgerError(.malformedEntry, "give exactly one of payload_sha256 (hex string) or payload")
        }
        return try LedgerEntry(type: type, time: time, actor: actor, subject: subject, payloadSHA256: payloadHash)
    }
}
