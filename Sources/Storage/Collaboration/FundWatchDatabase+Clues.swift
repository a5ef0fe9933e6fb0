public import Collaboration
public import Foundation
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Stores a clue (checked by `ClueTransfer.send`) in the receiving region's queue and records
    /// the sending in the ledger. The sender's scope must contain the clue's `fromRegion`.
    public func sendClue(_ clue: ClueTransfer, scope: RegionScope, at time: Date, trail: AuditTrail) async throws
        -> ClueTransfer
    {
        guard scope.contains(clue.fromRegion) else {
            throw CollaborationError(.forbidden, "只能以本辖区的名义移送线索：\(clue.fromRegion) 不在您的辖区内")
        }
        return try await writeRecording { db in
            var clue = clue
            clue.version = 1
            try db.execute(
                sql: """
                    INSERT INTO collab_clue (from_region, to_region, state, version, body, updated_at)
                    VALUES (?, ?, ?, 1, '{}', ?)
                    """,
                arguments: [clue.fromRegion, clue.toRegion, clue.state.rawValue, WebTime.format(time)])
            clue.id = db.lastInsertedRowID
            let body = try CollaborationJournal.encode(clue)
            try db.execute(sql: "UPDATE collab_clue SET body = ? WHERE id = ?", arguments: [body, clue.id])
            try CollaborationJournal.record(
                db, object: "clue", id: String(clue.id), action: "send", actor: clue.sentBy, at: time, from: nil,
                to: clue.state.rawValue, note: nil, body: body, trail: trail)
            return clue
        }
    }

    /// Which way the caller looks at clues.
    public enum ClueDirection: String, Sendable {
        /// Clues sent out of the caller's subtree.
        case outgoing
        /// Clues sent into it.
        case incoming
        /// Both.
        case all
    }

    /// The clues whose sending or receiving region lies in the scope, newest first.
    public func clues(
        in scope: RegionScope, direction: ClueDirection = .all, state: ClueState? = nil, limit: Int = 200
    ) async throws -> [ClueTransfer] {
        try await writer.read { db in
            var sql = "SELECT body FROM collab_clue WHERE "
            var arguments = StatementArguments()
            switch direction {
            case .outgoing:
                sql += Self.scopeClause(scope, column: "from_region")
                _ = arguments.append(contentsOf: Self.scopeArguments(scope))
            case .incoming:
                sql += Self.scopeClause(scope, column: "to_region")
                _ = arguments.append(contentsOf: Self.scopeArguments(scope))
            case .all:
                sql += "(" + Self.scopeClause(scope, column: "from_region") + " OR "
                    + Self.scopeClause(scope, column: "to_region") + ")"
                _ = arguments.append(contentsOf: Self.scopeArguments(scope) + Self.scopeArguments(scope))
            }
            if let state {
                sql += " AND state = ?"
                _ = arguments.append(contentsOf: [state.rawValue])
            }
            sql += " ORDER BY id DESC LIMIT ?"
            _ = arguments.append(contentsOf: [max(1, min(limit, 1000))])
            return try String.fetchAll(db, sql: sql, arguments: arguments).map {
                try CollaborationJournal.decode(ClueTransfer.self, $0)
            }
        }
    }

    /// One clue, or nil when neither of its regions is in the scope.
    public func clue(id: Int64, in scope: RegionScope) async throws -> ClueTransfer? {
        try await writer.read { db in
            guard let clue = try Self.clue(id: id, db), scope.contains(clue.fromRegion) || scope.contains(clue.toRegion)
            else { return nil }
            return clue
        }
    }

    /// Applies an event to a clue: accepting and returning from the receiving side, withdrawing
    /// from the sending side; recorded in the ledger.
    public func applyClue(
        _ event: ClueWorkflow.Event, toClue id: Int64, by actor: String, scope: RegionScope,
        expectedVersion: Int? = nil, at time: Date, trail: AuditTrail
    ) async throws -> ClueTransfer {
        try await writeRecording { db in
            try Self.applyClue(
                event, toClue: id, by: actor, scope: scope, expectedVersion: expectedVersion, at: time, trail: trail, db)
        }
    }

    /// `applyClue` inside the caller's transaction.
    static func applyClue(
        _ event: ClueWorkflow.Event, toClue id: Int64, by actor: String, scope: RegionScope, expectedVersion: Int?,
        at time: Date, trail: AuditTrail, _ db: Database
    ) throws -> ClueTransfer {
        guard let clue = try Self.clue(id: id, db), scope.contains(clue.fromRegion) || scope.contains(clue.toRegion)
        else {
            throw CollaborationError(.notFound, "没有编号为 \(id) 的线索，或不在您的辖区内")
        }
        switch event {
        case .accept, .giveBack:
            guard scope.contains(clue.toRegion) else {
                throw CollaborationError(.forbidden, "只有接收地区可以接收或退回线索")
            }
        case .withdraw:
            guard scope.contains(clue.fromRegion) else {
                throw CollaborationError(.forbidden, "只有移出地区可以撤回线索")
            }
        }
        if let expectedVersion, expectedVersion != clue.version {
            throw CollaborationError(.staleVersion, "线索 \(id) 已被他人处理（当前版本 \(clue.version)）：请刷新后重试")
        }
        var next: ClueTransfer
        switch ClueWorkflow().apply(event, to: clue, by: actor, at: time) {
        case .success(let c): next = c
        case .failure(let error): throw error
        }
        next.version = clue.version + 1
        let body = try CollaborationJournal.encode(next)
        try db.execute(
            sql: "UPDATE collab_clue SET state = ?, version = ?, body = ?, updated_at = ? WHERE id = ?",
            arguments: [next.state.rawValue, next.version, body, WebTime.format(time), id])
        try CollaborationJournal.record(
            db, object: "clue", id: String(id), action: event.name, actor: actor, at: time,
            from: clue.state.rawValue, to: next.state.rawValue, note: next.reason, body: body, trail: trail)
        return next
    }

    static func clue(id: Int64, _ db: Database) throws -> ClueTransfer? {
        try String.fetchOne(db, sql: "SELECT body FROM collab_clue WHERE id = ?", arguments: [id]).map {
            try CollaborationJournal.decode(ClueTransfer.self, $0)
        }
    }
}
