public import Foundation
public import FundWatchCore
import GRDB
import Ledger

/// A record linked to a person by entity resolution, and how.
public struct PersonLinkView: Sendable, Hashable {
    public var recordKind: String
    /// The ID as the department wrote it (mistyped or empty).
    public var rawID: String
    /// `exact`, `probabilistic`, `review` …: how the link was made.
    public var method: String
    public var probability: Double
}

/// Findings in a scope counted and summed along one dimension.
public struct FindingTally: Sendable, Hashable {
    public var key: String
    public var findings: Int
    public var amountAtRisk: Int64
}

/// One import batch with its files' quality.
public struct ImportBatchView: Sendable, Hashable {
    public var id: Int64
    public var source: String
    public var importedAt: String
    public var rows: Int
    public var rejected: Int
    public var files: [ImportFileView]
}

/// One imported file and its stored quality report (JSON).
public struct ImportFileView: Sendable, Hashable {
    public var id: Int64
    public var kind: String
    public var fileName: String
    public var feed: String?
    public var rows: Int
    public var rejected: Int
    public var qualityReport: String?
}

/// A rule version with how often its findings were raised.
public struct RuleVersionView: Sendable, Hashable {
    public var ruleID: String
    public var version: Int
    public var title: String?
    public var status: String
    public var sha256: String
    public var firstSeenAt: String
    public var ledgerIndex: Int64?
    /// Findings of this version still open (not shadow or suppressed), in the scope.
    public var openFindings: Int
    /// All findings of this version, in the scope.
    public var findings: Int
}

extension FundWatchDatabase {
    /// The region a person belongs to: their registered region, else that of their findings.
    public func personRegion(_ id: IDNumber) async throws -> String? {
        try await writer.read { db in
            if let code = try String.fetchOne(
                db, sql: "SELECT region_code FROM person WHERE id_number = ? AND region_code IS NOT NULL ORDER BY id DESC LIMIT 1",
                arguments: [id.value])
            {
                return code
            }
            return try String.fetchOne(
                db, sql: "SELECT region_code FROM finding WHERE id_number = ? AND region_code IS NOT NULL ORDER BY id LIMIT 1",
                arguments: [id.value])
        }
    }

    /// Whether a person lies in a scope (unknown persons lie in none).
    public func personIsVisible(_ id: IDNumber, in scope: RegionScope) async throws -> Bool {
        guard let region = try await personRegion(id) else { return false }
        return scope.contains(region)
    }

    /// A person's findings, every status, by risk.
    public func findings(of id: IDNumber) async throws -> [StoredFinding] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM finding WHERE id_number = ? ORDER BY risk_score DESC, id", arguments: [id.value]
            ).map(Self.webFinding)
        }
    }

    /// The records linked to a person by resolution, with the method and probability.
    public func links(of id: IDNumber) async throws -> [PersonLinkView] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT record_kind, raw_id, method, probability FROM person_link WHERE person_key = ? ORDER BY id",
                arguments: [id.value]
            ).map {
                PersonLinkView(recordKind: $0["record_kind"], rawID: $0["raw_id"], method: $0["method"], probability: $0["probability"])
            }
        }
    }

    /// Open findings in a scope, optionally only one region's subtree, by risk.
    public func openFindings(in scope: RegionScope, limit: Int = 200, offset: Int = 0) async throws -> [StoredFinding] {
        try await writer.read { db in
            var arguments = Self.scopeArguments(scope)
            _ = arguments.append(contentsOf: [max(1, min(limit, 1000)), max(0, offset)])
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM finding WHERE status = 'open' AND " + Self.scopeClause(scope, column: "region_code")
                    + " ORDER BY risk_score DESC, id LIMIT ? OFFSET ?",
                arguments: arguments
            ).map(Self.webFinding)
        }
    }

    /// Open findings in a scope counted and summed by a dimension: `severity`, `kind`, `rule`,
    /// `period` (the month of the audit that first raised them) or `child` (the scope's child
    /// region each lies in, by code prefix of `childPrefixLength` digits).
    public func findingTallies(
        in scope: RegionScope, by dimension: TallyDimension, severity: String? = nil
    ) async throws -> [FindingTally] {
        let key: String
        switch dimension {
        case .severity: key = "f.severity"
        case .kind: key = "f.kind"
        case .rule: key = "f.rule_id"
        case .period: key = "substr(r.as_of, 1, 7)"
        case .childPrefix(let length): key = "substr(COALESCE(f.region_code, ''), 1, \(max(0, min(6, length))))"
        }
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(key) AS k, COUNT(*) AS n, COALESCE(SUM(f.amount_at_risk), 0) AS amount
                    FROM finding f JOIN audit_run r ON r.id = f.first_seen_run
                    WHERE f.status = 'open' AND \(Self.scopeClause(scope, column: "f.region_code"))
                        \(severity == nil ? "" : "AND f.severity = ?")
                    GROUP BY k ORDER BY amount DESC, k
                    """,
                arguments: Self.scopeArguments(scope) + StatementArguments(severity.map { [$0] } ?? [])
            ).map { FindingTally(key: $0["k"] ?? "", findings: $0["n"], amountAtRisk: $0["amount"]) }
        }
    }

    /// Records that a user saw a person's data unmasked: an `access_log` row and a `data_access`
    /// ledger entry (subject the access row, so the ledger never holds the ID number), in one
    /// transaction. Returns the ledger index.
    @discardableResult
    public func recordUnmasking(
        of id: IDNumber, by actor: String, action: String, at time: Date, trail: AuditTrail
    ) async throws -> UInt64 {
        try await writer.write { db in
            let at = WebTime.format(time)
            try db.execute(
                sql: "INSERT INTO access_log (at, actor, action, subject, revealed) VALUES (?, ?, ?, ?, 1)",
                arguments: [at, actor, action, id.value])
            let rowID = db.lastInsertedRowID
            let payload = Self.canonicalJSON([
                ("access_log_id", String(rowID)), ("action", action), ("actor", actor), ("at", at), ("subject", id.value),
            ])
            return try trail.record(
                AuditTrail.Record(type: .dataAccess, actor: actor, subject: "access_log/\(rowID)", payload: payload))
        }
    }

    /// The import batches, newest first, with their files and quality reports.
    public func importBatches(limit: Int = 50) async throws -> [ImportBatchView] {
        try await writer.read { db in
            let batches = try Row.fetchAll(
                db, sql: "SELECT * FROM import_batch ORDER BY id DESC LIMIT ?", arguments: [max(1, min(limit, 500))])
            return try batches.map { b in
                let files = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT f.*, q.report FROM import_file f LEFT JOIN quality_report q ON q.file_id = f.id
                        WHERE f.batch_id = ? ORDER BY f.id
                        """,
                    arguments: [b["id"] as Int64]
                ).map {
                    ImportFileView(
                        id: $0["id"], kind: $0["record_kind"], fileName: $0["file_name"], feed: $0["feed"],
                        rows: $0["row_count"], rejected: $0["rejected_count"], qualityReport: $0["report"])
                }
                return ImportBatchView(
                    id: b["id"], source: b["source"], importedAt: b["imported_at"], rows: b["row_count"],
                    rejected: b["rejected_count"], files: files)
            }
        }
    }

    /// Every recorded rule version with its hit counts in a scope.
    public func ruleVersionViews(in scope: RegionScope) async throws -> [RuleVersionView] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.*,
                        (SELECT COUNT(*) FROM finding f WHERE f.rule_id = v.rule_id AND f.rule_version = v.version
                            AND f.status = 'open' AND \(Self.scopeClause(scope, column: "f.region_code"))) AS open_findings,
                        (SELECT COUNT(*) FROM finding f WHERE f.rule_id = v.rule_id AND f.rule_version = v.version
                            AND \(Self.scopeClause(scope, column: "f.region_code"))) AS all_findings
                    FROM rule_version v ORDER BY v.rule_id, v.version
                    """,
                arguments: Self.scopeArguments(scope) + Self.scopeArguments(scope)
            ).map {
                RuleVersionView(
                    ruleID: $0["rule_id"], version: $0["version"], title: $0["title"], status: $0["status"],
                    sha256: $0["sha256"], firstSeenAt: $0["first_seen_at"], ledgerIndex: $0["ledger_index"],
                    openFindings: $0["open_findings"], findings: $0["all_findings"])
            }
        }
    }
}

/// How `findingTallies` groups.
public enum TallyDimension: Sendable, Hashable {
    case severity, kind, rule, period
    /// By the first `length` digits of the region code.
    case childPrefix(length: Int)
}
