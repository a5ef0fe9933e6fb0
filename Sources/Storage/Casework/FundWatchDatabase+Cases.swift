public import Casework
public import Foundation
import FundWatchCore
import GRDB
import Ledger

extension FundWatchDatabase {
    /// The cases in a scope that match a filter, newest first.
    public func cases(in scope: RegionScope, filter: CaseFilter = CaseFilter()) async throws -> [StoredCase] {
        try await writer.read { db in
            var sql = "SELECT * FROM case_file WHERE " + Self.scopeClause(scope, column: "region_code")
            var arguments = Self.scopeArguments(scope)
            if let state = filter.state {
                sql += " AND state = ?"
                _ = arguments.append(contentsOf: [state.rawValue])
            }
            if let assignee = filter.assignee {
                sql += " AND assignee = ?"
                _ = arguments.append(contentsOf: [assignee])
            }
            if filter.supervisedOnly { sql += " AND supervised_by IS NOT NULL" }
            sql += " ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?"
            _ = arguments.append(contentsOf: [max(1, min(filter.limit, 1000)), max(0, filter.offset)])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { try Self.storedCase($0, db) }
        }
    }

    /// One case, or nil when there is none with this id in the scope (the caller answers 404
    /// either way, so that a case's existence outside the scope does not leak).
    public func storedCase(id: String, in scope: RegionScope) async throws -> StoredCase? {
        try await writer.read { db in try Self.storedCase(id: id, in: scope, db) }
    }

    /// A case's history, oldest first (scope-checked).
    public func caseEvents(caseID: String, in scope: RegionScope) async throws -> [CaseEvent] {
        try await writer.read { db in
            guard try Self.storedCase(id: caseID, in: scope, db) != nil else { throw Self.caseNotFound(caseID) }
            return try Row.fetchAll(db, sql: "SELECT * FROM case_event WHERE case_id = ? ORDER BY id", arguments: [caseID])
                .map { row in
                    CaseEvent(
                        id: row["id"], caseID: row["case_id"], action: row["action"], actor: row["actor"],
                        at: WebTime.parse(row["at"]) ?? .distantPast,
                        fromState: (row["from_state"] as String?).flatMap(CaseState.init),
                        toState: CaseState(rawValue: row["to_state"]) ?? .clue, detail: row["detail"],
                        payload: row["payload"], payloadSHA256: row["payload_sha256"], ledgerIndex: row["ledger_index"])
                }
        }
    }

    /// Opens a case in the `clue` state, from alerts or by hand, in one transaction: the alerts
    /// go to `case` through the alert workflow (each step in the ledger), the case is assigned to
    /// the staff of its region by workload (`CaseAssigner`), and the opening is recorded as a
    /// `case_event` in the ledger. Refused (`CaseRefusal`, or the alert workflow's
    /// `WebStoreError`) when an alert is outside the scope, already closed, or the alerts belong
    /// to different regions or persons.
    public func openCase(
        _ new: NewCase, by actor: CaseActor, in scope: RegionScope, at time: Date, trail: AuditTrail,
        machine: CaseStateMachine = CaseStateMachine()
    ) async throws -> StoredCase {
        try await writeRecording { db in
            try Self.openCase(new, by: actor, in: scope, at: time, trail: trail, machine: machine, db)
        }
    }

    /// `openCase` inside the caller's transaction (an accepted clue opens its case in the same
    /// transaction as the acceptance).
    static func openCase(
        _ new: NewCase, by actor: CaseActor, in scope: RegionScope, at time: Date, trail: AuditTrail,
        machine: CaseStateMachine, _ db: Database
    ) throws -> StoredCase {
        var alerts = [Alert]()
        for alertID in Set(new.alertIDs).sorted() {
            guard let alert = try Self.alert(id: alertID, in: scope, db) else {
                throw WebStoreError(.notFound, "没有编号为 \(alertID) 的预警，或不在您的辖区内")
            }
            alerts.append(alert)
        }
        let regions = Set(alerts.compactMap(\.finding.regionCode))
        let persons = Set(alerts.map(\.finding.idNumber))
        guard regions.count <= 1, persons.count <= 1 else {
            throw CaseRefusal(.invalidInput, "一个案件只能合并同一地区、同一人员的预警；请分别立案")
        }
        guard let region = new.regionCode ?? regions.first, RegionScope(code: region) != nil else {
            throw CaseRefusal(.invalidInput, "手工立案须给出有效的六位地区代码 region_code")
        }
        guard scope.contains(region) else {
            throw CaseRefusal(.forbidden, "地区 \(region) 不在您的辖区内，不能在此立案")
        }
        let caseType = (new.caseType ?? alerts.first?.finding.ruleID ?? "").trimmingCharacters(in: .whitespaces)
        guard !caseType.isEmpty else { throw CaseRefusal(.invalidInput, "手工立案须给出案件类型 case_type") }
        let person = new.personIDNumber ?? persons.first
        let amount = new.amountAtRisk ?? Money(fen: alerts.reduce(0) { $0 + $1.finding.amountAtRisk })
        guard amount >= .zero else { throw CaseRefusal(.invalidAmount, "涉案金额不能为负") }
        let title = new.title?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
            ?? (alerts.isEmpty ? "手工立案线索" : "预警立案：\(caseType)（\(alerts.count) 条预警）")

        // The alerts leave the queue through their own workflow, so the same rules apply.
        let alertActor = AlertWorkflow.Actor(name: actor.name, role: UserRole(rawValue: actor.role.rawValue) ?? .leader)
        for alert in alerts {
            try Self.openCaseStep(on: alert, by: alertActor, at: time, trail: trail, db)
        }

        let id = try Self.nextCaseID(region: region, at: time, db)
        let candidates = try Self.assignmentCandidates(region: region, db)
        let assignment = CaseAssigner().assign(regionCode: region, specialty: nil, among: candidates)
        let (assignee, reason): (String?, String) =
            switch assignment {
            case .success(let a): (a.staffID, a.reason)
            case .failure(let refusal): (nil, refusal.reason)
            }
        let at = WebTime.format(time)
        try db.execute(
            sql: """
                INSERT INTO case_file (id, region_code, case_type, title, state, person_id_number, institution_id,
                    amount_at_risk, assignee, assignment_reason, opened_by, opened_at, updated_at, version)
                VALUES (?, ?, ?, ?, 'clue', ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """,
            arguments: [
                id, region, caseType, title, person, new.institutionID, amount.fen, assignee, reason, actor.name,
                at, at,
            ])
        for alert in alerts {
            try db.execute(sql: "INSERT INTO case_alert (case_id, finding_id) VALUES (?, ?)", arguments: [id, alert.id])
        }
        let due = machine.deadline(for: CaseState.clue.rawValue, caseType: caseType, from: time)
        try Self.insertTasks(
            [TaskDraft(kind: CaseState.clue.rawValue, title: "研判线索", due: due)],
            caseID: id, assignee: assignee, at: time, db)
        try Self.recordCaseEvent(
            caseID: id, action: "open", actor: actor.name, at: time, from: nil, to: .clue,
            detail: "分派：\(assignee ?? "未分派")（\(reason)）",
            fields: [
                ("alerts", alerts.map { String($0.id) }.joined(separator: ",")),
                ("alert_sha256", alerts.map(\.finding.payloadSHA256).joined(separator: ",")),
                ("amount_at_risk", String(amount.fen)), ("assignee", assignee ?? ""), ("case_type", caseType),
                ("region_code", region),
            ], trail: trail, db)
        return try Self.storedCase(id: id, in: scope, db)!
    }

    // MARK: Rows

    static func storedCase(id: String, in scope: RegionScope, _ db: Database) throws -> StoredCase? {
        var arguments: StatementArguments = [id]
        _ = arguments.append(contentsOf: scopeArguments(scope))
        return try Row.fetchOne(
            db, sql: "SELECT * FROM case_file WHERE id = ? AND " + scopeClause(scope, column: "region_code"),
            arguments: arguments
        ).map { try storedCase($0, db) }
    }

    static func storedCase(_ row: Row, _ db: Database) throws -> StoredCase {
        let id: String = row["id"]
        let supervision: Supervision? =
            if let region = row["supervised_by"] as String?, let deadline = (row["supervision_deadline"] as String?).flatMap(WebTime.parse) {
                Supervision(regionCode: region, by: row["supervisor"] ?? "", deadline: deadline, signedOffBy: row["signed_off_by"])
            } else { nil }
        return StoredCase(
            id: id, regionCode: row["region_code"], caseType: row["case_type"], title: row["title"],
            state: CaseState(rawValue: row["state"]) ?? .clue, personIDNumber: row["person_id_number"],
            institutionID: row["institution_id"], amountAtRisk: Money(fen: row["amount_at_risk"]),
            outcome: (row["outcome"] as String?).flatMap(CaseOutcome.init),
            decidedBy: row["decided_by"], decidedAt: (row["decided_at"] as String?).flatMap(WebTime.parse),
            stateBeforeAppeal: (row["state_before_appeal"] as String?).flatMap(CaseState.init),
            supervision: supervision, assignee: row["assignee"], assignmentReason: row["assignment_reason"],
            openedBy: row["opened_by"], openedAt: WebTime.parse(row["opened_at"]) ?? .distantPast,
            updatedAt: WebTime.parse(row["updated_at"]) ?? .distantPast, version: row["version"],
            alertIDs: try Int64.fetchAll(db, sql: "SELECT finding_id FROM case_alert WHERE case_id = ? ORDER BY finding_id", arguments: [id]))
    }

    static func caseNotFound(_ id: String) -> CaseRefusal {
        CaseRefusal(.notFound, "没有编号为 \(id) 的案件，或不在您的辖区内")
    }

    /// `<region>-<year>-<sequence>`: the next number of the region's cases opened this year.
    static func nextCaseID(region: String, at time: Date, _ db: Database) throws -> String {
        let year = String(WebTime.format(time).prefix(4))
        let prefix = "\(region)-\(year)-"
        let last = try String.fetchOne(
            db, sql: "SELECT id FROM case_file WHERE id LIKE ? ORDER BY id DESC LIMIT 1", arguments: [prefix + "%"])
        let next = (last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0) + 1
        return prefix + String(format: "%06d", next)
    }

    /// The active auditors of a region with their open (unfinished) cases.
    static func assignmentCandidates(region: String, _ db: Database) throws -> [CaseAssigner.Candidate] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT 'user/' || u.username AS actor, u.region_code,
                    (SELECT COUNT(*) FROM case_file c WHERE c.assignee = 'user/' || u.username
                        AND c.state NOT IN ('closed', 'dismissed')) AS open_cases
                FROM web_user u WHERE u.role = 'auditor' AND u.disabled = 0 AND u.region_code = ?
                """,
            arguments: [region]
        ).map { CaseAssigner.Candidate(staffID: $0["actor"], regionCode: $0["region_code"], specialty: nil, openCases: $0["open_cases"]) }
    }

    /// The alert workflow's `open_case` step on one alert, written as `act(on:)` writes it, but
    /// inside the caller's transaction so that the alerts and the case commit together.
    static func openCaseStep(
        on alert: Alert, by actor: AlertWorkflow.Actor, at time: Date, trail: AuditTrail, _ db: Database
    ) throws {
        let next: AlertWorkflow.State
        switch AlertWorkflow().apply(.openCase, to: alert.workflowState, by: actor) {
        case .success(let state): next = state
        case .failure(let error): throw error
        }
        let at = WebTime.format(time)
        try db.execute(
            sql: """
                INSERT INTO alert_state (finding_id, status, assignee, proposed_by, reason, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (finding_id) DO UPDATE SET status = excluded.status, assignee = excluded.assignee,
                    proposed_by = excluded.proposed_by, reason = excluded.reason, updated_at = excluded.updated_at
                """,
            arguments: [alert.id, next.status.rawValue, next.assignee, next.proposedBy, next.reason, at])
        try db.execute(
            sql: """
                INSERT INTO alert_event (finding_id, action, actor, at, reason, assignee, from_status, to_status)
                VALUES (?, 'open_case', ?, ?, NULL, ?, ?, ?)
                """,
            arguments: [alert.id, actor.name, at, next.assignee, alert.status.rawValue, next.status.rawValue])
        let eventID = db.lastInsertedRowID
        let payload = canonicalJSON([
            ("action", "open_case"), ("actor", actor.name), ("alert_id", String(alert.id)), ("at", at),
            ("finding_sha256", alert.finding.payloadSHA256), ("from", alert.status.rawValue), ("reason", ""),
            ("to", next.status.rawValue),
        ])
        try LedgerBatch.append(
            AuditTrail.Record(type: .caseEvent, actor: actor.name, subject: "alert/\(alert.id)", payload: payload), to: trail, db
        ) { index, db in
            try db.execute(sql: "UPDATE alert_event SET ledger_index = ? WHERE id = ?", arguments: [Int64(index), eventID])
        }
    }
}

fileprivate extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
