public import Foundation
public import FundWatchCore
import GRDB

/// One look at a person's data.
public struct DataAccess: Sendable, Hashable {
    public var at: Date
    /// Who looked (user or staff id).
    public var actor: String
    /// What was done (`person.view`, `person.export`, …).
    public var action: String
    public var subject: IDNumber
    /// Whether unmasked personal data was shown.
    public var revealed: Bool

    public init(at: Date, actor: String, action: String, subject: IDNumber, revealed: Bool) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.revealed = revealed
    }
}

extension FundWatchDatabase {
    /// Records that someone looked at a person's data (every view, masked or not).
    public func recordAccess(_ access: DataAccess) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO access_log (at, actor, action, subject, revealed) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    ISO8601DateFormatter().string(from: access.at), access.actor, access.action, access.subject.value,
                    access.revealed,
                ])
        }
    }

    /// The accesses to one person's data, oldest first.
    public func accesses(to subject: IDNumber) async throws -> [DataAccess] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, actor, action, revealed FROM access_log WHERE subject = ? ORDER BY id",
                arguments: [subject.value]
            ).map {
                DataAccess(
                    at: ISO8601DateFormatter().date(from: $0[0]) ?? .distantPast, actor: $0[1], action: $0[2],
                    subject: subject, revealed: $0[3])
            }
        }
    }
}
