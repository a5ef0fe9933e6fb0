public import Foundation
public import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// Stores a suppression and returns its id. Refuses one without a reason or an actor, with an
    /// end date before `today`, or for an unknown subject kind.
    public func addSuppression(_ s: Suppression, today: CivilDate, at time: Date) async throws -> Int64 {
        guard !s.ruleID.isEmpty else { throw FindingStoreError("a suppression names the rule it suppresses (--rule)") }
        guard !s.subject.isEmpty else { throw FindingStoreError("a suppression names a person or institution (--person / --institution)") }
        guard !s.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FindingStoreError("a suppression needs a reason (--reason): why are these findings not alerts?")
        }
        guard !s.actor.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FindingStoreError("a suppression needs the actor who decides it (--actor)")
        }
        guard s.endDate >= today else {
            throw FindingStoreError("the end date \(s.endDate) is in the past; give a date from \(today) on (--until)")
        }
        return try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO suppression (rule_id, subject_kind, subject, reason, end_date, actor, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    s.ruleID, s.subjectKind.rawValue, s.subject, s.reason, s.endDate.description, s.actor,
                    ISO8601DateFormatter().string(from: time),
                ])
            return db.lastInsertedRowID
        }
    }

    /// The suppressions in force on `date` (all of them when nil), oldest first.
    public func suppressions(activeOn date: CivilDate? = nil) async throws -> [Suppression] {
        try await writer.read { db in try Self.suppressions(db, activeOn: date) }
    }

    static func suppressions(_ db: Database, activeOn date: CivilDate?) throws -> [Suppression] {
        let rows =
            if let date {
                try Row.fetchAll(
                    db, sql: "SELECT * FROM suppression WHERE end_date >= ? ORDER BY id", arguments: [date.description])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM suppression ORDER BY id")
            }
        return rows.compactMap { row in
            guard let kind = Suppression.SubjectKind(rawValue: row["subject_kind"]),
                let end = CivilDate(row["end_date"] as String)
            else { return nil }
            return Suppression(
                id: row["id"], ruleID: row["rule_id"], subjectKind: kind, subject: row["subject"], reason: row["reason"],
                endDate: end, actor: row["actor"])
        }
    }
}
