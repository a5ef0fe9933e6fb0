public import Collaboration
public import Foundation
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Stores a new request (a draft, checked by `VerificationRequest.draft`), sending it at once
    /// when `send` is true; each step is recorded in the ledger. Returns the stored request and
    /// the effects of sending.
    public func createVerificationRequest(
        _ draft: VerificationRequest, send: Bool, by actor: String, at time: Date, trail: AuditTrail,
        workflow: VerificationWorkflow = VerificationWorkflow()
    ) async throws -> VerificationWorkflow.Transition {
        try await writeRecording { db in
            var request = draft
            request.version = 1
            try db.execute(
                sql: """
                    INSERT INTO collab_request (case_id, kind, department, sender_region, addressee_region, state,
                        deadline, version, body, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, 1, '{}', ?)
                    """,
                arguments: [
                    request.caseID, request.kind.rawValue, request.department.rawValue, request.senderRegion,
                    request.addresseeRegion, request.state.rawValue, WebTime.format(time),
                ])
            request.id = db.lastInsertedRowID
            try Self.saveRequest(request, db, at: time)
            try CollaborationJournal.record(
                db, object: "request", id: String(request.id), action: "create", actor: actor, at: time, from: nil,
                to: request.state.rawValue, note: nil, body: try CollaborationJournal.encode(request), trail: trail)
            guard send else { return VerificationWorkflow.Transition(request: request, effects: []) }
            return try Self.applyVerification(.send, to: request, by: actor, at: time, note: nil, db, trail, workflow)
        }
    }

    /// Applies an event to a request from the caller's side, in one transaction: the workflow
    /// decides, the request and its history are written, and the step goes into the ledger.
    ///
    /// Answers come only from the addressee side (the liaison of the addressed department);
    /// sending, closing and withdrawing only from the sender side. `expectedVersion`, when given,
    /// must equal the stored version, so two people cannot overwrite each other's step.
    public func applyVerification(
        _ event: VerificationWorkflow.Event, toRequest id: Int64, by actor: String, access: CollaborationAccess,
        expectedVersion: Int? = nil, at time: Date, trail: AuditTrail, workflow: VerificationWorkflow = VerificationWorkflow()
    ) async throws -> VerificationWorkflow.Transition {
        try await writeRecording { db in
            guard let request = try Self.request(id: id, db), let side = access.side(of: request) else {
                throw CollaborationError(.notFound, "没有编号为 \(id) 的协查，或不在您的辖区、部门范围内")
            }
            switch (event, side) {
            case (.answer, .addressee), (.send, .sender), (.close, .sender), (.withdraw, .sender): break
            case (.answer, .sender):
                throw CollaborationError(.forbidden, "协查只能由受理部门（\(request.department.chinese)）的联络员或其系统答复")
            case (.remind, _), (.deadlinePassed, _), (.escalate, _):
                throw CollaborationError(.forbidden, "催办、逾期和升级由系统按期限自动处理")
            default:
                throw CollaborationError(.forbidden, "受理部门不能发送、关闭或撤回协查，只能答复")
            }
            if let expectedVersion, expectedVersion != request.version {
                throw CollaborationError(
                    .staleVersion, "协查 \(id) 已被他人修改（当前版本 \(request.version)，您看到的是 \(expectedVersion)）：请刷新后重试")
            }
            let note: String? =
                switch event {
                case .close(let note): note
                case .withdraw(let reason): reason
                default: nil
                }
            return try Self.applyVerification(event, to: request, by: actor, at: time, note: note, db, trail, workflow)
        }
    }

    /// Runs the clock over every request that awaits an answer: reminders, the deadline and
    /// escalation, each recorded like any other step (actor `fundwatch/deadlines`). Returns the
    /// transitions made, in order, so the caller can send the notices.
    public func sweepVerificationDeadlines(
        at time: Date, trail: AuditTrail, workflow: VerificationWorkflow = VerificationWorkflow()
    ) async throws -> [VerificationWorkflow.Transition] {
        try await writeRecording { db in
            let open = try String.fetchAll(
                db, sql: "SELECT body FROM collab_request WHERE state IN ('sent', 'overdue') ORDER BY id")
            var out = [VerificationWorkflow.Transition]()
            for body in open {
                let request = try CollaborationJournal.decode(VerificationRequest.self, body)
                var current = request
                for transition in workflow.tick(request, at: time) {
                    var next = transition.request
                    next.version = current.version + 1
                    try Self.saveRequest(next, db, at: time)
                    let action = Self.clockAction(from: current, to: next)
                    try CollaborationJournal.record(
                        db, object: "request", id: String(next.id), action: action, actor: "fundwatch/deadlines",
                        at: time, from: current.state.rawValue, to: next.state.rawValue, note: nil,
                        body: try CollaborationJournal.encode(next), trail: trail)
                    out.append(VerificationWorkflow.Transition(request: next, effects: transition.effects))
                    current = next
                }
            }
            return out
        }
    }

    /// The requests the caller sees, newest first, optionally only in one state or of one case.
    public func verificationRequests(
        access: CollaborationAccess, state: VerificationState? = nil, caseID: String? = nil, limit: Int = 200
    ) async throws -> [VerificationRequest] {
        try await writer.read { db in
            var sql = "SELECT body FROM collab_request WHERE "
            var arguments = StatementArguments()
            if let department = access.department {
                sql += "department = ? AND " + Self.scopeClause(access.scope, column: "addressee_region")
                _ = arguments.append(contentsOf: [department.rawValue])
            } else {
                sql += Self.scopeClause(access.scope, column: "sender_region")
            }
            _ = arguments.append(contentsOf: Self.scopeArguments(access.scope))
            if let state {
                sql += " AND state = ?"
                _ = arguments.append(contentsOf: [state.rawValue])
            }
            if let caseID {
                sql += " AND case_id = ?"
                _ = arguments.append(contentsOf: [caseID])
            }
            sql += " ORDER BY id DESC LIMIT ?"
            _ = arguments.append(contentsOf: [max(1, min(limit, 1000))])
            return try String.fetchAll(db, sql: sql, arguments: arguments).map {
                try CollaborationJournal.decode(VerificationRequest.self, $0)
            }
        }
    }

    /// One request, or nil when there is none the caller may see (404 either way).
    public func verificationRequest(id: Int64, access: CollaborationAccess) async throws -> VerificationRequest? {
        try await writer.read { db in
            guard let request = try Self.request(id: id, db), access.side(of: request) != nil else { return nil }
            return request
        }
    }

    // MARK: Internals

    static func request(id: Int64, _ db: Database) throws -> VerificationRequest? {
        try String.fetchOne(db, sql: "SELECT body FROM collab_request WHERE id = ?", arguments: [id]).map {
            try CollaborationJournal.decode(VerificationRequest.self, $0)
        }
    }

    static func saveRequest(_ request: VerificationRequest, _ db: Database, at time: Date) throws {
        try db.execute(
            sql: "UPDATE collab_request SET state = ?, deadline = ?, version = ?, body = ?, updated_at = ? WHERE id = ?",
            arguments: [
                request.state.rawValue, request.deadline.map(WebTime.format), request.version,
                try CollaborationJournal.encode(request), WebTime.format(time), request.id,
            ])
    }

    static func applyVerification(
        _ event: VerificationWorkflow.Event, to request: VerificationRequest, by actor: String, at time: Date,
        note: String?, _ db: Database, _ trail: AuditTrail, _ workflow: VerificationWorkflow
    ) throws -> VerificationWorkflow.Transition {
        var transition: VerificationWorkflow.Transition
        switch workflow.apply(event, to: request, at: time) {
        case .success(let t): transition = t
        case .failure(let error): throw error
        }
        if case .answer = event { transition.request.answeredBy = actor }
        transition.request.version = request.version + 1
        try saveRequest(transition.request, db, at: time)
        try CollaborationJournal.record(
            db, object: "request", id: String(request.id), action: event.name, actor: actor, at: time,
            from: request.state.rawValue, to: transition.request.state.rawValue, note: note,
            body: try CollaborationJournal.encode(transition.request), trail: trail)
        return transition
    }

    static func clockAction(from old: VerificationRequest, to new: VerificationRequest) -> String {
        if new.state != old.state { return "deadline_passed" }
        if new.escalationLevel != old.escalationLevel { return "escalate" }
        return "remind"
    }
}
