public import Collaboration
public import Foundation
public import FundWatchCore
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Records (or revises) a case's outcome, checked and inside the caller's scope; recorded in
    /// the ledger. Returns whether it was new.
    @discardableResult
    public func recordOutcome(
        _ outcome: CaseOutcome, by actor: String, scope: RegionScope, at time: Date, trail: AuditTrail,
        catalog: RegionCatalog = .shared
    ) async throws -> Bool {
        try outcome.validate(catalog: catalog)
        guard scope.contains(outcome.regionCode) else {
            throw CollaborationError(.forbidden, "案件 \(outcome.caseID) 的地区 \(outcome.regionCode) 不在您的辖区内")
        }
        return try await writeRecording { db in
            if let oldRegion = try String.fetchOne(
                db, sql: "SELECT region_code FROM collab_outcome WHERE case_id = ?", arguments: [outcome.caseID]),
                !scope.contains(oldRegion)
            {
                throw CollaborationError(.forbidden, "案件 \(outcome.caseID) 的结果由其他辖区记录，您不能修改")
            }
            return try Self.upsertOutcome(outcome, by: actor, at: time, trail: trail, db)
        }
    }

    /// Writes an outcome inside the caller's transaction (new, or a revision when it changed)
    /// and records the step in the ledger. Returns whether it was new.
    @discardableResult
    static func upsertOutcome(
        _ outcome: CaseOutcome, by actor: String, at time: Date, trail: AuditTrail, _ db: Database
    ) throws -> Bool {
        let body = try CollaborationJournal.encode(outcome)
        let old = try Row.fetchOne(
            db, sql: "SELECT verdict, version, body FROM collab_outcome WHERE case_id = ?", arguments: [outcome.caseID])
        if let old, (old["body"] as String) == body { return false }
        let version = (old.map { $0["version"] as Int } ?? 0) + 1
        let oldVerdict: String? = old.map { $0["verdict"] as String }
        try db.execute(
            sql: """
                INSERT INTO collab_outcome (case_id, rule_id, region_code, verdict, decided_on, version, body, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_id) DO UPDATE SET rule_id = excluded.rule_id, region_code = excluded.region_code,
                    verdict = excluded.verdict, decided_on = excluded.decided_on, version = excluded.version,
                    body = excluded.body, updated_at = excluded.updated_at
                """,
            arguments: [
                outcome.caseID, outcome.ruleID, outcome.regionCode, outcome.verdict.rawValue,
                outcome.decidedOn.description, version, body, WebTime.format(time),
            ])
        try CollaborationJournal.record(
            db, object: "outcome", id: outcome.caseID, action: old == nil ? "record" : "revise", actor: actor,
            at: time, from: oldVerdict, to: outcome.verdict.rawValue, note: nil, body: body, trail: trail)
        return old == nil
    }

    /// The outcomes decided from `from` to `to` (both included) in the scope.
    public func outcomes(in scope: RegionScope, from: CivilDate, to: CivilDate) async throws -> [CaseOutcome] {
        try await writer.read { db in
            var arguments: StatementArguments = [from.description, to.description]
            _ = arguments.append(contentsOf: Self.scopeArguments(scope))
            return try String.fetchAll(
                db,
                sql: "SELECT body FROM collab_outcome WHERE decided_on BETWEEN ? AND ? AND "
                    + Self.scopeClause(scope, column: "region_code") + " ORDER BY case_id",
                arguments: arguments
            ).map { try CollaborationJournal.decode(CaseOutcome.self, $0) }
        }
    }
}
