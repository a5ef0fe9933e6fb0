import Foundation
import GRDB

extension FundWatchDatabase {
    /// Inserts an administrative event inside a write that makes the change it describes.
    static func insertAdminEvent(_ event: AdminEventInput, _ db: Database) throws -> AdminEvent {
        try db.execute(
            sql: "INSERT INTO admin_event (at, actor, action, subject, region_code, payload) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [WebTime.format(event.at), event.actor, event.action, event.subject, event.regionCode, event.payload])
        return AdminEvent(
            id: db.lastInsertedRowID, at: event.at, actor: event.actor, action: event.action, subject: event.subject,
            regionCode: event.regionCode, payload: event.payload, ledgerIndex: nil)
    }

    /// Stores an administrative event that changes nothing else (a job request, a note).
    public func addAdminEvent(_ event: AdminEventInput) async throws -> AdminEvent {
        try await writer.write { db in try Self.insertAdminEvent(event, db) }
    }

    /// Notes the ledger entry that recorded an event.
    public func markAdminEventRecorded(id: Int64, ledgerIndex: UInt64) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE admin_event SET ledger_index = ? WHERE id = ?", arguments: [Int64(ledgerIndex), id])
        }
    }

    /// Events the ledger does not hold yet (its write failed): recorded again at the next change.
    public func unrecordedAdminEvents() async throws -> [AdminEvent] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM admin_event WHERE ledger_index IS NULL ORDER BY id").map(Self.adminEvent)
        }
    }

    /// The newest events whose region lies in `scope` (the national ones only for the nation),
    /// optionally only those about one subject prefix (e.g. `rule/pension_after_death/`).
    public func adminEvents(in scope: RegionScope, subjectPrefix: String? = nil, limit: Int = 100) async throws
        -> [AdminEvent]
    {
        try await writer.read { db in
            var sql = "SELECT * FROM admin_event WHERE region_code LIKE ?"
            var arguments: StatementArguments = [scope.isNation ? "%" : scope.likePattern]
            if let subjectPrefix {
                sql += " AND substr(subject, 1, ?) = ?"
                arguments += [subjectPrefix.count, subjectPrefix]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.adminEvent)
        }
    }

    static func adminEvent(_ row: Row) -> AdminEvent {
        AdminEvent(
            id: row["id"], at: WebTime.parse(row["at"]) ?? .distantPast, actor: row["actor"], action: row["action"],
            subject: row["subject"], regionCode: row["region_code"], payload: row["payload"],
            ledgerIndex: row["ledger_index"])
    }
}
