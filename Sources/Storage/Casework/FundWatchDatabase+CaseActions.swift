public import Casework
public import Foundation
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Carries out one workflow action on a case in one transaction: the state machine decides,
    /// the case row is updated only if it still has `expectedVersion` (optimistic locking: two
    /// people cannot overwrite each other's decision), open tasks of the state it leaves are
    /// closed, new tasks are created, and the step is recorded as a `case_event` in the ledger.
    ///
    /// Throws `CaseRefusal`: `not_found` outside the scope, `stale_version` when someone changed
    /// the case since `expectedVersion`, or the state machine's refusal. Nothing is written then.
    @discardableResult
    public func actOnCase(
        id: String, _ action: CaseAction, expectedVersion: Int64, by actor: CaseActor, in scope: RegionScope,
        at time: Date, trail: AuditTrail, machine: CaseStateMachine = CaseStateMachine()
    ) async throws -> StoredCase {
        try await writeRecording { db in
            let current = try Self.lockedCase(id: id, expectedVersion: expectedVersion, in: scope, db)
            let file = current.file(measures: try Self.measureStatuses(caseID: id, db))
            let step: CaseStep
            switch machine.apply(action, to: file, by: actor, at: time) {
            case .allowed(let s): step = s
            case .refused(let refusal): throw refusal
            }
            let next = step.next
            let at = WebTime.format(time)
            let changed = try Self.updateCase(
                id: id, version: current.version,
                sets: """
                    state = ?, outcome = ?, decided_by = ?, decided_at = ?, state_before_appeal = ?, supervised_by = ?,
                    supervisor = ?, supervision_deadline = ?, signed_off_by = ?
                    """,
                arguments: [
                    next.state.rawValue, next.outcome?.rawValue, next.decidedBy, next.decidedAt.map(WebTime.format),
                    next.stateBeforeAppeal?.rawValue, next.supervision?.regionCode, next.supervision?.by,
                    next.supervision.map { WebTime.format($0.deadline) }, next.supervision?.signedOffBy,
                ], at: at, db)
            guard changed else { throw Self.stale(id, expectedVersion) }
            if step.effects.contains(.closesOpenTasks) {
                try db.execute(
                    sql: "UPDATE case_task SET done_at = ? WHERE case_id = ? AND done_at IS NULL AND kind = ?",
                    arguments: [at, id, step.from == .appeal ? "appeal_review" : step.from.rawValue])
            }
            if case .signOff = action {
                try db.execute(
                    sql: "UPDATE case_task SET done_at = ? WHERE case_id = ? AND done_at IS NULL AND kind = 'supervision'",
                    arguments: [at, id])
            }
            try Self.insertTasks(step.tasks, caseID: id, assignee: current.assignee, at: time, db)
            var fields: [(String, String)] = [("version", String(current.version + 1))]
            if case .decide(let outcome, _) = action { fields.append(("outcome", outcome.rawValue)) }
            if case .supervise(let deadline) = action { fields.append(("deadline", WebTime.format(deadline))) }
            if case .reviewAppeal(let upheld, _) = action { fields.append(("upheld", String(upheld))) }
            try Self.recordCaseEvent(
                caseID: id, action: action.name, actor: actor.name, at: time, from: step.from, to: step.to,
                detail: action.text?.trimmingCharacters(in: .whitespacesAndNewlines), fields: fields, trail: trail, db)
            let updated = try Self.storedCase(id: id, in: scope, db)!
            // A decision (or a dismissal: nothing found) is the rule's outcome; it feeds the
            // confirmed precision per rule without anyone entering it again.
            switch action {
            case .decide(let outcome, _):
                try Self.feedOutcome(of: updated, decision: outcome, by: actor.name, at: time, trail: trail, db)
            case .dismiss:
                try Self.feedOutcome(of: updated, decision: nil, by: actor.name, at: time, trail: trail, db)
            default: break
            }
            return updated
        }
    }

    /// The steps `actor` may take on the case now (for the page's buttons and the API).
    public func allowedCaseActions(
        id: String, by actor: CaseActor, in scope: RegionScope, at time: Date, machine: CaseStateMachine = CaseStateMachine()
    ) async throws -> [String] {
        try await writer.read { db in
            guard let current = try Self.storedCase(id: id, in: scope, db) else { throw Self.caseNotFound(id) }
            let file = current.file(measures: try Self.measureStatuses(caseID: id, db))
            return machine.allowedActions(for: file, by: actor, at: time).map(\.name)
        }
    }

    /// The tasks of a case, oldest first (scope-checked).
    public func caseTasks(caseID: String, in scope: RegionScope) async throws -> [CaseTask] {
        try await writer.read { db in
            guard try Self.storedCase(id: caseID, in: scope, db) != nil else { throw Self.caseNotFound(caseID) }
            return try Row.fetchAll(db, sql: "SELECT * FROM case_task WHERE case_id = ? ORDER BY id", arguments: [caseID])
                .map(Self.caseTask)
        }
    }

    /// The open tasks of every case in the scope, for reminders and escalations (`TaskMonitor`).
    public func openCaseTasks(in scope: RegionScope) async throws -> [CaseTask] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.* FROM case_task t JOIN case_file c ON c.id = t.case_id
                    WHERE t.done_at IS NULL AND \(Self.scopeClause(scope, column: "c.region_code")) ORDER BY t.due_at, t.id
                    """,
                arguments: Self.scopeArguments(scope)
            ).map(Self.caseTask)
        }
    }

    /// Marks a task done (scope-checked); refused when it is already done.
    public func completeCaseTask(
        caseID: String, taskID: Int64, by actor: CaseActor, in scope: RegionScope, at time: Date, trail: AuditTrail
    ) async throws -> CaseTask {
        try await writeRecording { db in
            guard let current = try Self.storedCase(id: caseID, in: scope, db) else { throw Self.caseNotFound(caseID) }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM case_task WHERE id = ? AND case_id = ?", arguments: [taskID, caseID])
            else { throw CaseRefusal(.notFound, "案件 \(caseID) 没有编号为 \(taskID) 的任务") }
            guard row["done_at"] as String? == nil else { throw CaseRefusal(.invalidTransition, "任务 \(taskID) 已办结") }
            try db.execute(sql: "UPDATE case_task SET done_at = ? WHERE id = ?", arguments: [WebTime.format(time), taskID])
            try Self.recordCaseEvent(
                caseID: caseID, action: "complete_task", actor: actor.name, at: time, from: current.state, to: current.state,
                detail: row["title"], fields: [("task_id", String(taskID))], trail: trail, db)
            return Self.caseTask(try Row.fetchOne(db, sql: "SELECT * FROM case_task WHERE id = ?", arguments: [taskID])!)
        }
    }

    // MARK: Shared steps

    /// The case if it is in the scope and still at `expectedVersion`.
    static func lockedCase(id: String, expectedVersion: Int64?, in scope: RegionScope, _ db: Database) throws -> StoredCase {
        guard let current = try storedCase(id: id, in: scope, db) else { throw caseNotFound(id) }
        if let expectedVersion, current.version != expectedVersion { throw stale(id, expectedVersion, current: current.version) }
        return current
    }

    static func stale(_ id: String, _ expected: Int64, current: Int64? = nil) -> CaseRefusal {
        let now = current.map { "，当前为第 \($0) 版" } ?? ""
        return CaseRefusal(
            .staleVersion, "案件 \(id) 已被他人修改（您看到的是第 \(expected) 版\(now)）；请刷新后在最新版本上重新操作")
    }

    /// Updates the case row if its version is still `version`, incrementing it; false when it was not.
    static func updateCase(
        id: String, version: Int64, sets: String, arguments: StatementArguments, at: String, _ db: Database
    ) throws -> Bool {
        var all = arguments
        _ = all.append(contentsOf: [at, id, version])
        try db.execute(
            sql: "UPDATE case_file SET \(sets), updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
            arguments: all)
        return db.changesCount == 1
    }

    /// Bumps the case's version (a measure or evidence changed it).
    static func touchCase(_ current: StoredCase, at time: Date, _ db: Database) throws {
        guard try updateCase(id: current.id, version: current.version, sets: "state = state", arguments: [], at: WebTime.format(time), db)
        else { throw stale(current.id, current.version) }
    }

    static func insertTasks(_ tasks: [TaskDraft], caseID: String, assignee: String?, at time: Date, _ db: Database) throws {
        for task in tasks {
            try db.execute(
                sql: "INSERT INTO case_task (case_id, kind, title, assignee, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [caseID, task.kind, task.title, assignee, WebTime.format(task.due), WebTime.format(time)])
        }
    }

    static func caseTask(_ row: Row) -> CaseTask {
        CaseTask(
            id: row["id"], caseID: row["case_id"], kind: row["kind"], title: row["title"], assignee: row["assignee"],
            due: WebTime.parse(row["due_at"]) ?? .distantPast, doneAt: (row["done_at"] as String?).flatMap(WebTime.parse))
    }

    /// Writes one step of the history and records it in the ledger (`case_event`, subject
    /// `case/<id>`): the payload is the step's canonical JSON, stored with the event so that the
    /// hash can be checked and the entry's inclusion proved later. The entry is appended as the
    /// transaction's last step (`LedgerBatch`); `onIndex` stores its index elsewhere too.
    static func recordCaseEvent(
        caseID: String, action: String, actor: String, at time: Date, from: CaseState?, to: CaseState, detail: String?,
        fields: [(String, String)], trail: AuditTrail, _ db: Database,
        onIndex: ((UInt64, Database) throws -> Void)? = nil
    ) throws {
        let at = WebTime.format(time)
        var all = fields
        all += [
            ("action", action), ("actor", actor), ("at", at), ("case_id", caseID), ("from", from?.rawValue ?? ""),
            ("to", to.rawValue), ("detail_sha256", AuditTrail.sha256Hex(Data((detail ?? "").utf8))),
        ]
        let payload = canonicalJSON(all)
        let sha = AuditTrail.sha256Hex(payload)
        try db.execute(
            sql: """
                INSERT INTO case_event (case_id, action, actor, at, from_state, to_state, detail, payload, payload_sha256, ledger_index)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
                """,
            arguments: [
                caseID, action, actor, at, from?.rawValue, to.rawValue, detail, String(decoding: payload, as: UTF8.self), sha,
            ])
        let eventID = db.lastInsertedRowID
        try LedgerBatch.append(
            AuditTrail.Record(type: .caseEvent, actor: actor, subject: "case/\(caseID)", payloadSHA256: sha), to: trail, db
        ) { index, db in
            try db.execute(sql: "UPDATE case_event SET ledger_index = ? WHERE id = ?", arguments: [Int64(index), eventID])
            try onIndex?(index, db)
        }
    }
}
