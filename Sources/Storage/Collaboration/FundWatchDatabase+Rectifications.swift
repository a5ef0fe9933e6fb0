public import Collaboration
public import Foundation
import FundWatchCore
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Stores a rectification task (checked by `Rectification.from`) in the caller's scope and
    /// records it in the ledger.
    public func createRectification(
        _ task: Rectification, scope: RegionScope, at time: Date, trail: AuditTrail
    ) async throws -> Rectification {
        guard scope.contains(task.regionCode) || (scope.isNation && task.regionCode == RegionScope.nationCode) else {
            throw CollaborationError(.forbidden, "整改地区 \(task.regionCode) 不在您的辖区内")
        }
        return try await writeRecording { db in
            var task = task
            task.version = 1
            try db.execute(
                sql: """
                    INSERT INTO collab_rectification (suggestion_key, region_code, owner, state, deadline, version, body, updated_at)
                    VALUES (?, ?, ?, ?, ?, 1, '{}', ?)
                    """,
                arguments: [
                    task.suggestionKey, task.regionCode, task.owner, task.state.rawValue, task.deadline.description,
                    WebTime.format(time),
                ])
            task.id = db.lastInsertedRowID
            let body = try CollaborationJournal.encode(task)
            try db.execute(sql: "UPDATE collab_rectification SET body = ? WHERE id = ?", arguments: [body, task.id])
            try CollaborationJournal.record(
                db, object: "rectification", id: String(task.id), action: "create", actor: task.createdBy, at: time,
                from: nil, to: task.state.rawValue, note: nil, body: body, trail: trail)
            return task
        }
    }

    /// The rectification tasks of regions in the scope, newest first.
    public func rectifications(in scope: RegionScope, state: RectificationState? = nil) async throws -> [Rectification] {
        try await writer.read { db in
            var sql = "SELECT body FROM collab_rectification WHERE " + Self.scopeClause(scope, column: "region_code")
            var arguments = Self.scopeArguments(scope)
            if let state {
                sql += " AND state = ?"
                _ = arguments.append(contentsOf: [state.rawValue])
            }
            return try String.fetchAll(db, sql: sql + " ORDER BY id DESC", arguments: arguments).map {
                try CollaborationJournal.decode(Rectification.self, $0)
            }
        }
    }

    /// Applies an event to a task in the scope; recorded in the ledger.
    public func applyRectification(
        _ event: RectificationWorkflow.Event, toTask id: Int64, by actor: String, scope: RegionScope,
        expectedVersion: Int? = nil, at time: Date, trail: AuditTrail
    ) async throws -> Rectification {
        try await writeRecording { db in
            guard
                let task = try String.fetchOne(
                    db, sql: "SELECT body FROM collab_rectification WHERE id = ?", arguments: [id]
                ).map({ try CollaborationJournal.decode(Rectification.self, $0) }),
                scope.contains(task.regionCode)
            else {
                throw CollaborationError(.notFound, "没有编号为 \(id) 的整改任务，或不在您的辖区内")
            }
            if let expectedVersion, expectedVersion != task.version {
                throw CollaborationError(.staleVersion, "整改任务 \(id) 已被他人修改（当前版本 \(task.version)）：请刷新后重试")
            }
            var next: Rectification
            switch RectificationWorkflow().apply(event, to: task, by: actor) {
            case .success(let t): next = t
            case .failure(let error): throw error
            }
            next.version = task.version + 1
            let body = try CollaborationJournal.encode(next)
            try db.execute(
                sql: "UPDATE collab_rectification SET state = ?, version = ?, body = ?, updated_at = ? WHERE id = ?",
                arguments: [next.state.rawValue, next.version, body, WebTime.format(time), id])
            let note: String? =
                switch event {
                case .submit(let report): report
                case .verify(let note): note
                case .reject(let reason): reason
                case .start: nil
                }
            try CollaborationJournal.record(
                db, object: "rectification", id: String(id), action: event.name, actor: actor, at: time,
                from: task.state.rawValue, to: next.state.rawValue, note: note, body: body, trail: trail)
            return next
        }
    }
}
