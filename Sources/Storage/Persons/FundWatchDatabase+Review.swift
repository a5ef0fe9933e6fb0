public import Foundation
import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// The review pairs with `status` (open by default), most probable first.
    public func reviewPairs(status: String = "open", limit: Int = 50) async throws -> [ReviewPair] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT l.id, l.record_table, l.record_rowid, l.record_kind, l.raw_id, l.person_key, l.probability,
                           l.waterfall, l.record_values, l.status, l.reviewer, l.decided_at,
                           p.name, p.sex, p.birth_date, p.region_code
                    FROM link_review l LEFT JOIN person p ON p.id = (SELECT MIN(id) FROM person WHERE id_number = l.person_key)
                    WHERE l.status = ? ORDER BY l.probability DESC, l.id LIMIT ?
                    """,
                arguments: [status, limit])
            return rows.compactMap(Self.reviewPair)
        }
    }

    static func reviewPair(_ row: Row) -> ReviewPair? {
        guard let kind = RecordKind(rawValue: row["record_kind"]) else { return nil }
        let decoder = JSONDecoder()
        let values = (try? decoder.decode([String].self, from: Data((row["record_values"] as String).utf8))) ?? []
        let terms = (try? decoder.decode([ReviewPair.Term].self, from: Data((row["waterfall"] as String).utf8))) ?? []
        return ReviewPair(
            id: row["id"],
            record: UnresolvedRecord(
                table: row["record_table"], rowid: row["record_rowid"], kind: kind, rawID: row["raw_id"], values: values),
            personKey: row["person_key"], personName: row["name"], personSex: row["sex"],
            personBirthDate: row["birth_date"], personRegion: row["region_code"], probability: row["probability"],
            terms: terms, status: row["status"], reviewer: row["reviewer"], decidedAt: row["decided_at"])
    }

    /// Records a reviewer's decision on pair `id`. Same links the record to the candidate (and
    /// closes its other candidates as superseded); different keeps the pair from ever being
    /// proposed again. Throws `ReviewError` for an unknown or already decided pair.
    public func decideReview(pair id: Int64, same: Bool, reviewer: String, now: Date) async throws -> ReviewDecision {
        let decidedAt = Self.timestamp(now)
        return try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM link_review WHERE id = ?", arguments: [id]) else {
                throw ReviewError("no review pair \(id); `fundwatch resolve review` lists the open ones")
            }
            let status: String = row["status"]
            guard status == "open" else {
                throw ReviewError("pair \(id) was already decided (\(status)); a decision is not changed here")
            }
            let table: String = row["record_table"]
            let rowid: Int64 = row["record_rowid"]
            let key: String = row["person_key"]
            if same {
                if let other = try String.fetchOne(
                    db, sql: "SELECT person_key FROM person_link WHERE record_table = ? AND record_rowid = ?",
                    arguments: [table, rowid]), other != key
                {
                    throw ReviewError(
                        "the record of pair \(id) is already linked to \(IDNumber.mask(other)); mark this pair different")
                }
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO person_link
                            (record_table, record_rowid, record_kind, raw_id, person_key, method, probability, run_id, record_values)
                        VALUES (?, ?, ?, ?, ?, 'review', 1.0, ?, ?)
                        """,
                    arguments: [table, rowid, row["record_kind"], row["raw_id"], key, row["run_id"], row["record_values"]])
                try db.execute(
                    sql: """
                        UPDATE link_review SET status = 'superseded', reviewer = ?, decided_at = ?
                        WHERE record_table = ? AND record_rowid = ? AND id != ? AND status = 'open'
                        """,
                    arguments: [reviewer, decidedAt, table, rowid, id])
            }
            try db.execute(
                sql: "UPDATE link_review SET status = ?, reviewer = ?, decided_at = ? WHERE id = ?",
                arguments: [same ? "same" : "different", reviewer, decidedAt, id])
            // Canonical JSON by hand: sorted keys, no spaces, so the ledger's hash is reproducible.
            let payload =
                "{\"decided_at\":\(Self.jsonString(decidedAt)),\"decision\":\"\(same ? "same" : "different")\","
                + "\"pair\":\(id),\"person_key\":\(Self.jsonString(key)),\"record\":\(Self.jsonString("\(table)/\(rowid)")),"
                + "\"reviewer\":\(Self.jsonString(reviewer))}"
            return ReviewDecision(pair: id, same: same, reviewer: reviewer, decidedAt: decidedAt, canonicalJSON: payload)
        }
    }

    /// A JSON string literal.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
