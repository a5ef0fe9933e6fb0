public import Foundation
import GRDB

extension FundWatchDatabase {
    /// Queues a job with the event that requested it; refused while another job is queued or
    /// running (one job at a time: the ledger and the 2-core machine are shared).
    public func enqueueJob(
        kind: ServerJob.Kind, argument: String?, event: AdminEventInput
    ) async throws -> (ServerJob, AdminEvent) {
        try await writer.write { db in
            if let busy = try Int64.fetchOne(
                db, sql: "SELECT id FROM server_job WHERE status IN ('queued', 'running') ORDER BY id LIMIT 1")
            {
                throw WebStoreError(.invalidTransition, "任务 \(busy) 尚未结束：同一时间只运行一个任务，请稍后再试")
            }
            try db.execute(
                sql: "INSERT INTO server_job (kind, argument, status, requested_by, created_at) VALUES (?, ?, 'queued', ?, ?)",
                arguments: [kind.rawValue, argument, event.actor, WebTime.format(event.at)])
            let job = ServerJob(
                id: db.lastInsertedRowID, kind: kind, argument: argument, status: .queued, requestedBy: event.actor,
                createdAt: event.at)
            return (job, try Self.insertAdminEvent(event, db))
        }
    }

    /// Moves a job to `status`, stamping the start or the end and the message.
    public func updateJob(id: Int64, status: ServerJob.Status, message: String?, at time: Date) async throws {
        try await writer.write { db in
            switch status {
            case .running:
                try db.execute(
                    sql: "UPDATE server_job SET status = 'running', started_at = ? WHERE id = ?",
                    arguments: [WebTime.format(time), id])
            case .succeeded, .failed, .cancelled:
                try db.execute(
                    sql: "UPDATE server_job SET status = ?, finished_at = ?, message = ? WHERE id = ?",
                    arguments: [status.rawValue, WebTime.format(time), message, id])
            case .queued:
                try db.execute(sql: "UPDATE server_job SET status = 'queued' WHERE id = ?", arguments: [id])
            }
        }
    }

    /// Jobs a stopped server left queued or running: marked failed at start, since nothing runs them now.
    public func failInterruptedJobs(at time: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE server_job SET status = 'failed', finished_at = ?, message = '服务器在任务完成前停止；请重新提交'
                    WHERE status IN ('queued', 'running')
                    """,
                arguments: [WebTime.format(time)])
            return db.changesCount
        }
    }

    /// One job.
    public func job(id: Int64) async throws -> ServerJob? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM server_job WHERE id = ?", arguments: [id]).map(Self.job)
        }
    }

    /// The newest jobs.
    public func jobs(limit: Int = 20) async throws -> [ServerJob] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM server_job ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.job)
        }
    }

    static func job(_ row: Row) -> ServerJob {
        let started: String? = row["started_at"]
        let finished: String? = row["finished_at"]
        return ServerJob(
            id: row["id"], kind: ServerJob.Kind(rawValue: row["kind"]) ?? .audit, argument: row["argument"],
            status: ServerJob.Status(rawValue: row["status"]) ?? .failed, requestedBy: row["requested_by"],
            createdAt: WebTime.parse(row["created_at"]) ?? .distantPast, startedAt: started.flatMap(WebTime.parse),
            finishedAt: finished.flatMap(WebTime.parse), message: row["message"])
    }
}
