import Foundation
import GRDB

extension FundWatchDatabase {
    /// Findings stored after row `id` (ascending, at most `limit`), with their persons' names: what
    /// a watcher polls to learn of new findings, also when the audit runs in another process.
    public func findings(afterID id: Int64, limit: Int = 1000) async throws -> [NewFinding] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.*, (SELECT p.name FROM person p WHERE p.id_number = f.id_number ORDER BY p.id DESC LIMIT 1)
                        AS person_name
                    FROM finding f WHERE f.id > ? ORDER BY f.id LIMIT ?
                    """,
                arguments: [id, limit])
            let decoder = JSONDecoder()
            return rows.map { row in
                NewFinding(finding: StoredFinding(row: row, decoder: decoder), personName: row["person_name"])
            }
        }
    }

    /// The largest finding row id (0 when there is none): where a watcher that should report
    /// only what is found from now on starts.
    public func lastFindingID() async throws -> Int64 {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM finding") ?? 0 }
    }
}

extension StoredFinding {
    /// Reads a `finding` row.
    init(row: Row, decoder: JSONDecoder) {
        let recordsText: String = row["records"]
        self.init(
            id: row["id"], ruleID: row["rule_id"], ruleVersion: row["rule_version"], idNumber: row["id_number"],
            kind: row["kind"], severity: row["severity"], score: row["score"], riskScore: row["risk_score"],
            amountAtRisk: row["amount_at_risk"],
            records: (try? decoder.decode([String].self, from: Data(recordsText.utf8))) ?? [],
            explanation: row["explanation"], regionCode: row["region_code"],
            status: StoredFinding.Status(rawValue: row["status"]) ?? .open, payloadSHA256: row["payload_sha256"],
            firstSeenRun: row["first_seen_run"], lastSeenRun: row["last_seen_run"])
    }
}
