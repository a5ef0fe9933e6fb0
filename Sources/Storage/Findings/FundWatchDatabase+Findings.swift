public import Foundation
public import FundWatchCore
import GRDB

/// One audit run as the store records it.
public struct AuditRunInput: Sendable, Hashable {
    public var startedAt: Date
    /// The date the audit looked from (suppressions in force on it apply).
    public var asOf: CivilDate
    /// Who ran it (`fundwatch audit`, a user).
    public var actor: String
    public var persons: Int
    public var failures: Int

    public init(startedAt: Date, asOf: CivilDate, actor: String, persons: Int, failures: Int) {
        self.startedAt = startedAt
        self.asOf = asOf
        self.actor = actor
        self.persons = persons
        self.failures = failures
    }
}

extension FundWatchDatabase {
    /// Stores one audit run in a single transaction: the rule versions it used (new ones are
    /// added; a known version whose file changed is refused), the run, and its findings, keyed by
    /// (rule, rule version, person) so that re-running over the same data adds nothing. Findings
    /// that match a suppression in force on `run.asOf` are stored as `suppressed`, those of shadow
    /// rules as `shadow`.
    public func storeAudit(
        run: AuditRunInput, rules: [RuleVersionInput], findings: [FindingInput]
    ) async throws -> AuditRunSummary {
        try await writer.write { db in
            let time = ISO8601DateFormatter().string(from: run.startedAt)
            var newVersions = [RuleVersionInput]()
            for rule in rules {
                let known = try String.fetchOne(
                    db, sql: "SELECT sha256 FROM rule_version WHERE rule_id = ? AND version = ?",
                    arguments: [rule.ruleID, rule.version])
                if let known {
                    guard known == rule.sha256 else { throw FindingStoreError.ruleChanged(rule.ruleID, rule.version) }
                    continue
                }
                try db.execute(
                    sql: "INSERT INTO rule_version (rule_id, version, sha256, status, title, first_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [rule.ruleID, rule.version, rule.sha256, rule.status, rule.title, time])
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM rule_version WHERE ledger_index IS NULL ORDER BY rule_id, version") {
                newVersions.append(
                    RuleVersionInput(ruleID: row["rule_id"], version: row["version"], sha256: row["sha256"], status: row["status"], title: row["title"]))
            }
            for f in findings {
                guard rules.contains(where: { $0.ruleID == f.ruleID && $0.version == f.ruleVersion }) else {
                    throw FindingStoreError("a finding of \(f.ruleID) v\(f.ruleVersion) names no rule version of this run")
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO audit_run (started_at, as_of, actor, persons, findings, new_findings, suppressed, failures)
                    VALUES (?, ?, ?, ?, 0, 0, 0, ?)
                    """,
                arguments: [time, run.asOf.description, run.actor, run.persons, run.failures])
            let runID = db.lastInsertedRowID
            let matcher = try SuppressionMatcher(db, suppressions: Self.suppressions(db, activeOn: run.asOf))
            var changed = [AuditRunSummary.LedgerItem]()
            var newCount = 0
            var suppressedCount = 0
            let encoder = JSONEncoder()
            for f in findings {
                let sha = AuditTrail.sha256Hex(f.payload)
                let suppressed = try matcher.matches(f, db)
                if suppressed { suppressedCount += 1 }
                let status: StoredFinding.Status = suppressed ? .suppressed : f.shadow ? .shadow : .open
                let records = String(decoding: try encoder.encode(f.records), as: UTF8.self)
                let existing = try Row.fetchOne(
                    db, sql: "SELECT id, payload_sha256 FROM finding WHERE rule_id = ? AND rule_version = ? AND id_number = ?",
                    arguments: [f.ruleID, f.ruleVersion, f.idNumber])
                if let existing {
                    let id: Int64 = existing["id"]
                    try db.execute(
                        sql: """
                            UPDATE finding SET kind = ?, severity = ?, score = ?, risk_score = ?, amount_at_risk = ?,
                                records = ?, explanation = ?, region_code = ?, status = ?, payload_sha256 = ?, last_seen_run = ?
                            WHERE id = ?
                            """,
                        arguments: [
                            f.kind, f.severity, f.score, f.riskScore, f.amountAtRisk, records, f.explanation, f.regionCode,
                            status.rawValue, sha, runID, id,
                        ])
                    if existing["payload_sha256"] != sha {
                        try db.execute(sql: "UPDATE finding SET ledger_index = NULL WHERE id = ?", arguments: [id])
                    }
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO finding (rule_id, rule_version, id_number, kind, severity, score, risk_score,
                                amount_at_risk, records, explanation, region_code, status, payload_sha256, first_seen_run,
                                last_seen_run)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            f.ruleID, f.ruleVersion, f.idNumber, f.kind, f.severity, f.score, f.riskScore, f.amountAtRisk,
                            records, f.explanation, f.regionCode, status.rawValue, sha, runID, runID,
                        ])
                    newCount += 1
                }
            }
            // Everything the ledger does not hold yet, this run's and any left by a failed ledger write.
            for row in try Row.fetchAll(db, sql: "SELECT id, payload_sha256 FROM finding WHERE ledger_index IS NULL ORDER BY id") {
                changed.append(.init(findingID: row["id"], payloadSHA256: row["payload_sha256"]))
            }
            try db.execute(
                sql: "UPDATE audit_run SET findings = ?, new_findings = ?, suppressed = ? WHERE id = ?",
                arguments: [findings.count, newCount, suppressedCount, runID])
            return AuditRunSummary(
                runID: runID, newRuleVersions: newVersions, changed: changed, findings: findings.count,
                newFindings: newCount, suppressed: suppressedCount)
        }
    }

    /// Notes the ledger entries that recorded rule versions and findings.
    public func markRecorded(
        ruleVersions: [(rule: RuleVersionInput, index: UInt64)], findings: [(id: Int64, index: UInt64)]
    ) async throws {
        try await writer.write { db in
            for (rule, index) in ruleVersions {
                try db.execute(
                    sql: "UPDATE rule_version SET ledger_index = ? WHERE rule_id = ? AND version = ?",
                    arguments: [Int64(index), rule.ruleID, rule.version])
            }
            for (id, index) in findings {
                try db.execute(sql: "UPDATE finding SET ledger_index = ? WHERE id = ?", arguments: [Int64(index), id])
            }
        }
    }

    /// The stored findings, optionally only those seen by one run, ordered by risk (highest first).
    public func findings(seenInRun run: Int64? = nil) async throws -> [StoredFinding] {
        try await writer.read { db in
            let sql = "SELECT * FROM finding" + (run == nil ? "" : " WHERE last_seen_run = ?")
                + " ORDER BY risk_score DESC, id"
            let rows = try Row.fetchAll(db, sql: sql, arguments: run.map { [$0] } ?? [])
            let decoder = JSONDecoder()
            return rows.map { row in
                let recordsText: String = row["records"]
                return StoredFinding(
                    id: row["id"], ruleID: row["rule_id"], ruleVersion: row["rule_version"], idNumber: row["id_number"],
                    kind: row["kind"], severity: row["severity"], score: row["score"], riskScore: row["risk_score"],
                    amountAtRisk: row["amount_at_risk"],
                    records: (try? decoder.decode([String].self, from: Data(recordsText.utf8))) ?? [],
                    explanation: row["explanation"], regionCode: row["region_code"],
                    status: StoredFinding.Status(rawValue: row["status"]) ?? .open, payloadSHA256: row["payload_sha256"],
                    firstSeenRun: row["first_seen_run"], lastSeenRun: row["last_seen_run"])
            }
        }
    }

    /// The recorded rule versions: (id, version, SHA-256, status), in id and version order.
    public func ruleVersions() async throws -> [RuleVersionInput] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rule_version ORDER BY rule_id, version").map {
                RuleVersionInput(ruleID: $0["rule_id"], version: $0["version"], sha256: $0["sha256"], status: $0["status"], title: $0["title"])
            }
        }
    }

    /// The number of audit runs stored.
    public func auditRunCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_run") ?? 0 }
    }
}

/// Decides whether a finding falls under a suppression: a person suppression by ID number; an
/// institution suppression when one of the finding's evidence records belongs to that
/// institution (a settlement's hospital or pharmacy; an injury claim's, enrollment's or
/// contribution's employer).
private struct SuppressionMatcher {
    var persons: Set<String> = []
    var institutions: [String: Set<String>] = [:]

    init(_ db: Database, suppressions: [Suppression]) throws {
        for s in suppressions {
            switch s.subjectKind {
            case .person: persons.insert(s.ruleID + "|" + s.subject)
            case .institution: institutions[s.ruleID, default: []].insert(s.subject)
            }
        }
    }

    func matches(_ f: FindingInput, _ db: Database) throws -> Bool {
        if persons.contains(f.ruleID + "|" + f.idNumber) { return true }
        guard let wanted = institutions[f.ruleID], !f.records.isEmpty else { return false }
        for record in f.records {
            let owners: [String]
            let parts = record.split(separator: ":", maxSplits: 2).map(String.init)
            if parts.count == 3 && parts[0] == "enrollment" {
                // `enrollment:<insurance>:<start date>`: the enrolling employer.
                owners = try String.fetchAll(
                    db,
                    sql: "SELECT employer_id FROM enrollment WHERE id_number = ? AND insurance = ? AND start_date = ? AND employer_id IS NOT NULL",
                    arguments: [f.idNumber, parts[1], parts[2]])
            } else if parts.count == 3 && parts[0] == "contribution" {
                // `contribution:<insurance>:<period>`: the paying employer.
                owners = try String.fetchAll(
                    db,
                    sql: "SELECT employer_id FROM contribution WHERE id_number = ? AND insurance = ? AND period = ? AND employer_id IS NOT NULL",
                    arguments: [f.idNumber, parts[1], parts[2]])
            } else {
                owners = try String.fetchAll(
                    db,
                    sql: """
                        SELECT institution_id FROM medical_settlement WHERE settlement_id = ?
                        UNION ALL SELECT employer_id FROM injury_claim WHERE claim_id = ?
                        """,
                    arguments: [record, record])
            }
            if owners.contains(where: wanted.contains) { return true }
        }
        return false
    }
}
