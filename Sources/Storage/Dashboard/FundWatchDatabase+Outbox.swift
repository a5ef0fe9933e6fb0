public import Foundation
import GRDB

extension FundWatchDatabase {
    /// Queues one notification per endpoint for a finding, due at once. A (finding, endpoint) pair
    /// already queued is left as it is, so a watcher that sees a finding twice sends it once.
    /// Returns how many items were added.
    @discardableResult
    public func enqueueNotification(
        findingID: Int64, payloads: [(endpoint: String, payload: String)], at now: Date
    ) async throws -> Int {
        try await writer.write { db in
            var added = 0
            for item in payloads {
                try db.execute(
                    sql: """
                        INSERT INTO notification_outbox (finding_id, endpoint, payload, created_at, next_attempt_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_id, endpoint) DO NOTHING
                        """,
                    arguments: [
                        findingID, item.endpoint, item.payload, now.timeIntervalSince1970, now.timeIntervalSince1970,
                    ])
                added += db.changesCount
            }
            return added
        }
    }

    /// Pending items whose next attempt is due at `now`, oldest due first.
    public func dueNotifications(at now: Date, limit: Int = 100) async throws -> [OutboxItem] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM notification_outbox WHERE status = 'pending' AND next_attempt_at <= ?
                    ORDER BY next_attempt_at, id LIMIT ?
                    """,
                arguments: [now.timeIntervalSince1970, limit]
            ).map(OutboxItem.init(row:))
        }
    }

    /// The items in one status, newest first: the dead letters for people to see, for instance.
    public func notifications(status: OutboxItem.Status, limit: Int = 100) async throws -> [OutboxItem] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM notification_outbox WHERE status = ? ORDER BY id DESC LIMIT ?",
                arguments: [status.rawValue, limit]
            ).map(OutboxItem.init(row:))
        }
    }

    /// Records one delivery attempt of an item and what follows from it, in one transaction.
    public func recordAttempt(itemID: Int64, _ attempt: OutboxAttempt) async throws {
        try await writer.write { db in
            let at = attempt.at.timeIntervalSince1970
            try db.execute(
                sql: "INSERT INTO notification_attempt (outbox_id, at, http_status, error) VALUES (?, ?, ?, ?)",
                arguments: [itemID, at, attempt.httpStatus, attempt.error])
            switch attempt.next {
            case .delivered:
                try db.execute(
                    sql: """
                        UPDATE notification_outbox SET status = 'delivered', attempts = attempts + 1, finished_at = ?,
                            last_error = NULL WHERE id = ?
                        """,
                    arguments: [at, itemID])
            case .retry(let next):
                try db.execute(
                    sql: """
                        UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                        WHERE id = ?
                        """,
                    arguments: [next.timeIntervalSince1970, attempt.error, itemID])
            case .deadLetter:
                try db.execute(
                    sql: """
                        UPDATE notification_outbox SET status = 'dead', attempts = attempts + 1, finished_at = ?,
                            last_error = ? WHERE id = ?
                        """,
                    arguments: [at, attempt.error, itemID])
            }
        }
    }

    /// Gives up on an item without another attempt (it was out of time when it came due).
    public func markDeadLetter(itemID: Int64, at time: Date, reason: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql:
                    "UPDATE notification_outbox SET status = 'dead', finished_at = ?, last_error = ? WHERE id = ? AND status = 'pending'",
                arguments: [time.timeIntervalSince1970, reason, itemID])
        }
    }

    /// How many attempts the outbox has recorded for an item.
    public func attemptCount(itemID: Int64) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM notification_attempt WHERE outbox_id = ?", arguments: [itemID]) ?? 0
        }
    }
}

extension OutboxItem {
    init(row: Row) {
        let finished: Double? = row["finished_at"]
        self.init(
            id: row["id"], findingID: row["finding_id"], endpoint: row["endpoint"], payload: row["payload"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            status: Status(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
            nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"]), lastError: row["last_error"],
            finishedAt: finished.map(Date.init(timeIntervalSince1970:)))
    }
}
