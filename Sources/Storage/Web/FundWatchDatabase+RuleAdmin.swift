import Foundation
import GRDB

extension FundWatchDatabase {
    /// The highest saved version of every edited rule.
    public func latestRuleSources() async throws -> [StoredRuleSource] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM rule_source s
                    WHERE s.version = (SELECT MAX(version) FROM rule_source t WHERE t.rule_id = s.rule_id)
                    ORDER BY s.rule_id
                    """
            ).map(Self.ruleSource)
        }
    }

    /// Every saved version of one rule, newest first.
    public func ruleSources(ruleID: String) async throws -> [StoredRuleSource] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rule_source WHERE rule_id = ? ORDER BY version DESC", arguments: [ruleID])
                .map(Self.ruleSource)
        }
    }

    /// The stored on/off settings by rule id.
    public func ruleSettings() async throws -> [String: RuleSetting] {
        try await writer.read { db in
            var out = [String: RuleSetting]()
            for row in try Row.fetchAll(db, sql: "SELECT * FROM rule_setting") {
                let s = RuleSetting(
                    ruleID: row["rule_id"], enabled: row["enabled"], updatedBy: row["updated_by"],
                    updatedAt: WebTime.parse(row["updated_at"]) ?? .distantPast)
                out[s.ruleID] = s
            }
            return out
        }
    }

    /// The highest version of a rule the store knows, saved here or used by an audit (0: none).
    public func highestRuleVersion(ruleID: String) async throws -> Int {
        try await writer.read { db in try Self.highestRuleVersion(ruleID, db) }
    }

    static func highestRuleVersion(_ ruleID: String, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT MAX(v) FROM (SELECT MAX(version) AS v FROM rule_version WHERE rule_id = ?
                                    UNION ALL SELECT MAX(version) FROM rule_source WHERE rule_id = ?)
                """,
            arguments: [ruleID, ruleID]) ?? 0
    }

    /// Saves an edited rule version in one transaction: its YAML, its `rule_version` row (as an
    /// audit would add it, so a later audit with the same text finds it known) and the event.
    /// Refuses a version not above every version already known (`minimumVersion` in the error).
    public func saveRuleVersion(
        _ version: RuleVersionInput, yaml: String, event: AdminEventInput
    ) async throws -> AdminEvent {
        try await writer.write { db in
            let highest = try Self.highestRuleVersion(version.ruleID, db)
            guard version.version > highest else {
                throw WebStoreError(
                    .invalidTransition,
                    "规则 \(version.ruleID) 已有第 \(highest) 版：请把 version 改为 \(highest + 1) 或更大后再保存")
            }
            try db.execute(
                sql: "INSERT INTO rule_source (rule_id, version, yaml, sha256, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [version.ruleID, version.version, yaml, version.sha256, event.actor, WebTime.format(event.at)])
            try db.execute(
                sql: "INSERT INTO rule_version (rule_id, version, sha256, status, title, first_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    version.ruleID, version.version, version.sha256, version.status, version.title,
                    ISO8601DateFormatter().string(from: event.at),
                ])
            return try Self.insertAdminEvent(event, db)
        }
    }

    /// Switches a rule on or off, with the event, in one transaction.
    public func setRuleEnabled(ruleID: String, enabled: Bool, event: AdminEventInput) async throws -> AdminEvent {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO rule_setting (rule_id, enabled, updated_by, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (rule_id) DO UPDATE SET enabled = excluded.enabled, updated_by = excluded.updated_by,
                        updated_at = excluded.updated_at
                    """,
                arguments: [ruleID, enabled, event.actor, WebTime.format(event.at)])
            return try Self.insertAdminEvent(event, db)
        }
    }

    /// How each rule's alerts in `scope` were settled: turned into a case, or dismissed.
    public func ruleOutcomes(in scope: RegionScope) async throws -> [String: RuleOutcomeCounts] {
        try await writer.read { db in
            var out = [String: RuleOutcomeCounts]()
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.rule_id, a.status, COUNT(*) AS n FROM alert_state a JOIN finding f ON f.id = a.finding_id
                    WHERE a.status IN ('case', 'dismissed') AND (? OR f.region_code LIKE ?)
                    GROUP BY f.rule_id, a.status
                    """,
                arguments: [scope.isNation, scope.likePattern])
            for row in rows {
                let rule: String = row["rule_id"]
                let n: Int = row["n"]
                if (row["status"] as String) == "case" { out[rule, default: .init()].confirmed += n } else {
                    out[rule, default: .init()].dismissed += n
                }
            }
            return out
        }
    }

    static func ruleSource(_ row: Row) -> StoredRuleSource {
        StoredRuleSource(
            ruleID: row["rule_id"], version: row["version"], yaml: row["yaml"], sha256: row["sha256"],
            savedBy: row["saved_by"], savedAt: WebTime.parse(row["saved_at"]) ?? .distantPast)
    }
}
