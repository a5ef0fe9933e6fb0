import Collaboration
import Foundation
import GRDB
import Ledger

/// Writes collaboration objects and their history: the object's JSON, a history row, and a
/// `case_event` entry in the ledger whose payload is the step's canonical JSON (the object's
/// hash, never its personal data). Called inside the caller's write transaction, so that if the
/// ledger refuses, nothing is written.
enum CollaborationJournal {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Records one step: history row plus ledger entry; returns the ledger index.
    static func record(
        _ db: Database, object: String, id: String, action: String, actor: String, at time: Date, from: String?,
        to: String, note: String?, body: String, trail: AuditTrail
    ) throws {
        let at = WebTime.format(time)
        let bodySHA = AuditTrail.sha256Hex(Array(body.utf8))
        try db.execute(
            sql: """
                INSERT INTO collab_event (object, object_id, action, actor, at, from_state, to_state, note, body_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [object, id, action, actor, at, from, to, note, bodySHA])
        let eventID = db.lastInsertedRowID
        let payload = FundWatchDatabase.canonicalJSON([
            ("action", action), ("actor", actor), ("at", at), ("body_sha256", bodySHA), ("from", from ?? ""),
            ("id", id), ("note_sha256", note.map { AuditTrail.sha256Hex(Array($0.utf8)) } ?? ""), ("object", object),
            ("to", to),
        ])
        // Appended as the transaction's last step (`LedgerBatch`): a rollback leaves no orphan.
        try LedgerBatch.append(
            AuditTrail.Record(type: .caseEvent, actor: actor, subject: "\(object)/\(id)", payload: payload), to: trail, db
        ) { index, db in
            try db.execute(sql: "UPDATE collab_event SET ledger_index = ? WHERE id = ?", arguments: [Int64(index), eventID])
        }
    }

    static func event(_ row: Row) -> CollaborationEvent {
        CollaborationEvent(
            id: row["id"], object: row["object"], objectID: row["object_id"], action: row["action"], actor: row["actor"],
            at: WebTime.parse(row["at"]) ?? .distantPast, fromState: row["from_state"], toState: row["to_state"],
            note: row["note"], bodySHA256: row["body_sha256"], ledgerIndex: row["ledger_index"])
    }
}

extension FundWatchDatabase {
    /// The history of one collaboration object, oldest first.
    public func collaborationEvents(object: String, id: String) async throws -> [CollaborationEvent] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM collab_event WHERE object = ? AND object_id = ? ORDER BY id", arguments: [object, id]
            ).map(CollaborationJournal.event)
        }
    }
}
