public import Foundation
import GRDB
import Ledger

extension FundWatchDatabase {
    /// The alerts (open findings) in a scope that match a filter, red first, then by risk.
    public func alerts(in scope: RegionScope, filter: AlertFilter = AlertFilter()) async throws -> [Alert] {
        try await writer.read { db in
            var sql = Self.alertSelect + " WHERE f.status = 'open' AND " + Self.scopeClause(scope, column: "f.region_code")
            var arguments: StatementArguments = Self.scopeArguments(scope)
            Self.appendAlertFilter(filter, to: &sql, &arguments)
            sql += """
                 ORDER BY CASE f.severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 ELSE 2 END, f.risk_score DESC, f.id
                 LIMIT ? OFFSET ?
                """
            _ = arguments.append(contentsOf: [max(1, min(filter.limit, 1000)), max(0, filter.offset)])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.alert)
        }
    }

    /// Appends the filter's clauses (severity, a region under the scope, rule, workflow status)
    /// to an alert query over `alertSelect` and its arguments: one filter for every order the
    /// queue is read in (`alerts(in:filter:)`, `alertsByCombinedRisk(in:filter:)`).
    static func appendAlertFilter(_ filter: AlertFilter, to sql: inout String, _ arguments: inout StatementArguments) {
        if let severity = filter.severity {
            sql += " AND f.severity = ?"
            _ = arguments.append(contentsOf: [severity])
        }
        if let region = filter.regionCode, let sub = RegionScope(code: region) {
            sql += " AND " + scopeClause(sub, column: "f.region_code")
            _ = arguments.append(contentsOf: scopeArguments(sub))
        }
        if let rule = filter.ruleID {
            sql += " AND f.rule_id = ?"
            _ = arguments.append(contentsOf: [rule])
        }
        if let status = filter.status {
            sql += " AND COALESCE(a.status, 'new') = ?"
            _ = arguments.append(contentsOf: [status.rawValue])
        }
    }

    /// One alert, or nil when there is none with this id in the scope (the caller answers 404
    /// either way, so that an alert's existence outside the scope does not leak).
    public func alert(id: Int64, in scope: RegionScope) async throws -> Alert? {
        try await writer.read { db in try Self.alert(id: id, in: scope, db) }
    }

    /// An alert's history, oldest first.
    public func alertEvents(alertID: Int64) async throws -> [AlertEvent] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert_event WHERE finding_id = ? ORDER BY id", arguments: [alertID])
                .map { row in
                    AlertEvent(
                        id: row["id"], alertID: row["finding_id"], action: row["action"], actor: row["actor"],
                        at: WebTime.parse(row["at"]) ?? .distantPast, reason: row["reason"], assignee: row["assignee"],
                        fromStatus: AlertStatus(rawValue: row["from_status"]) ?? .new,
                        toStatus: AlertStatus(rawValue: row["to_status"]) ?? .new, ledgerIndex: row["ledger_index"])
                }
        }
    }

    /// Carries out one action on an alert in one transaction: the workflow decides, the state and
    /// the history are written, and the step is recorded in the ledger (a `case_event` entry whose
    /// payload is the step's canonical JSON). If the ledger refuses, nothing is written.
    @discardableResult
    public func act(
        on alertID: Int64, _ action: AlertAction, by actor: AlertWorkflow.Actor, in scope: RegionScope, at time: Date,
        trail: AuditTrail
    ) async throws -> Alert {
        try await writer.write { db in
            guard let alert = try Self.alert(id: alertID, in: scope, db) else {
                throw WebStoreError(.notFound, "没有编号为 \(alertID) 的预警，或不在您的辖区内")
            }
            let next: AlertWorkflow.State
            switch AlertWorkflow().apply(action, to: alert.workflowState, by: actor) {
            case .success(let state): next = state
            case .failure(let error): throw error
            }
            let at = WebTime.format(time)
            let reason: String? =
                switch action {
                case .dismiss, .rejectDismissal: next.reason
                default: nil
                }
            try db.execute(
                sql: """
                    INSERT INTO alert_state (finding_id, status, assignee, proposed_by, reason, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (finding_id) DO UPDATE SET status = excluded.status, assignee = excluded.assignee,
                        proposed_by = excluded.proposed_by, reason = excluded.reason, updated_at = excluded.updated_at
                    """,
                arguments: [alertID, next.status.rawValue, next.assignee, next.proposedBy, next.reason, at])
            try db.execute(
                sql: """
                    INSERT INTO alert_event (finding_id, action, actor, at, reason, assignee, from_status, to_status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    alertID, action.name, actor.name, at, reason, next.assignee, alert.status.rawValue,
                    next.status.rawValue,
                ])
            let eventID = db.lastInsertedRowID
            let payload = Self.canonicalJSON([
                ("action", action.name), ("actor", actor.name), ("alert_id", String(alertID)), ("at", at),
                ("finding_sha256", alert.finding.payloadSHA256), ("from", alert.status.rawValue),
                ("reason", reason ?? ""), ("to", next.status.rawValue),
            ])
            let index = try trail.record(
                AuditTrail.Record(type: .caseEvent, actor: actor.name, subject: "alert/\(alertID)", payload: payload))
            try db.execute(
                sql: "UPDATE alert_event SET ledger_index = ? WHERE id = ?", arguments: [Int64(index), eventID])
            return try Self.alert(id: alertID, in: scope, db) ?? alert
        }
    }

    static func alert(id: Int64, in scope: RegionScope, _ db: Database) throws -> Alert? {
        let sql = Self.alertSelect + " WHERE f.id = ? AND f.status = 'open' AND " + scopeClause(scope, column: "f.region_code")
        var arguments: StatementArguments = [id]
        _ = arguments.append(contentsOf: scopeArguments(scope))
        return try Row.fetchOne(db, sql: sql, arguments: arguments).map(alert)
    }

    static let alertSelect = """
        SELECT f.*, a.status AS alert_status, a.assignee, a.proposed_by, a.reason, a.updated_at
        FROM finding f LEFT JOIN alert_state a ON a.finding_id = f.id
        """

    static func alert(_ row: Row) -> Alert {
        Alert(
            finding: webFinding(row), status: (row["alert_status"] as String?).flatMap(AlertStatus.init) ?? .new,
            assignee: row["assignee"], proposedBy: row["proposed_by"], reason: row["reason"],
            updatedAt: (row["updated_at"] as String?).flatMap(WebTime.parse))
    }

    /// A finding row as a value (the columns of the `finding` table).
    static func webFinding(_ row: Row) -> StoredFinding {
        let recordsText: String = row["records"]
        return StoredFinding(
            id: row["id"], ruleID: row["rule_id"], ruleVersion: row["rule_version"], idNumber: row["id_number"],
            kind: row["kind"], severity: row["severity"], score: row["score"], riskScore: row["risk_score"],
            amountAtRisk: row["amount_at_risk"],
            records: (try? JSONDecoder().decode([String].self, from: Data(recordsText.utf8))) ?? [],
            explanation: row["explanation"], regionCode: row["region_code"],
            status: StoredFinding.Status(rawValue: row["status"]) ?? .open, payloadSHA256: row["payload_sha256"],
            firstSeenRun: row["first_seen_run"], lastSeenRun: row["last_seen_run"])
    }

    /// The SQL condition that keeps `column` inside the scope (bound by `scopeArguments`).
    static func scopeClause(_ scope: RegionScope, column: String) -> String {
        scope.isNation ? "1 = 1" : "\(column) LIKE ?"
    }

    static func scopeArguments(_ scope: RegionScope) -> StatementArguments {
        scope.isNation ? [] : [scope.likePattern]
    }

    /// Canonical JSON of string fields (keys given sorted): the payloads whose hashes the ledger holds.
    static func canonicalJSON(_ fields: [(String, String)]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(Dictionary(uniqueKeysWithValues: fields))) ?? Data()
    }
}
