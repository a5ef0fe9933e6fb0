public import Foundation
import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// Casework figures of a scope at `now`: recovery totals, open and overdue counts, and the
    /// case flow of the last `months` months (opened; closed or dismissed), China Standard Time.
    public func caseStatistics(in scope: RegionScope, at now: Date, months: Int = 6) async throws -> CaseStatistics {
        try await writer.read { db in
            let clause = Self.scopeClause(scope, column: "c.region_code")
            let args = Self.scopeArguments(scope)
            let totals = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(r.owed), 0) AS owed, COALESCE(SUM(r.written_off), 0) AS written_off,
                        COALESCE(SUM((SELECT SUM(p.amount) FROM case_recovery_payment p WHERE p.recovery_id = r.id)), 0) AS received
                    FROM case_recovery r JOIN case_file c ON c.id = r.case_id WHERE \(clause)
                    """,
                arguments: args)
            let open = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM case_file c WHERE state NOT IN ('closed', 'dismissed') AND \(clause)",
                arguments: args) ?? 0
            var overdueArgs: StatementArguments = [WebTime.format(now)]
            _ = overdueArgs.append(contentsOf: args)
            let overdueTasks = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM case_task t JOIN case_file c ON c.id = t.case_id
                    WHERE t.done_at IS NULL AND t.due_at < ? AND \(clause)
                    """,
                arguments: overdueArgs) ?? 0
            let overdueSupervised = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM case_file c WHERE c.supervised_by IS NOT NULL AND c.signed_off_by IS NULL
                    AND c.state NOT IN ('closed', 'dismissed') AND c.supervision_deadline < ? AND \(clause)
                    """,
                arguments: overdueArgs) ?? 0
            // The months to show, oldest first, ending with the current one.
            let today = Self.chinaDate(now)
            let labels = (0..<max(1, months)).reversed().map { back -> String in
                let total = today.year * 12 + (today.month - 1) - back
                return String(format: "%04d-%02d", total / 12, total % 12 + 1)
            }
            var monthArgs: StatementArguments = [labels[0]]
            _ = monthArgs.append(contentsOf: args)
            let opened = try Row.fetchAll(
                db,
                sql: """
                    SELECT strftime('%Y-%m', c.opened_at, '+8 hours') AS m, COUNT(*) AS n FROM case_file c
                    WHERE strftime('%Y-%m', c.opened_at, '+8 hours') >= ? AND \(clause) GROUP BY m
                    """,
                arguments: monthArgs
            ).reduce(into: [String: Int]()) { $0[$1["m"] as String] = $1["n"] as Int }
            let closed = try Row.fetchAll(
                db,
                sql: """
                    SELECT strftime('%Y-%m', e.at, '+8 hours') AS m, COUNT(DISTINCT e.case_id) AS n
                    FROM case_event e JOIN case_file c ON c.id = e.case_id
                    WHERE e.action IN ('close', 'dismiss') AND strftime('%Y-%m', e.at, '+8 hours') >= ? AND \(clause) GROUP BY m
                    """,
                arguments: monthArgs
            ).reduce(into: [String: Int]()) { $0[$1["m"] as String] = $1["n"] as Int }
            return CaseStatistics(
                owed: Money(fen: totals?["owed"] ?? 0), recovered: Money(fen: totals?["received"] ?? 0),
                writtenOff: Money(fen: totals?["written_off"] ?? 0), open: open, overdueTasks: overdueTasks,
                overdueSupervised: overdueSupervised,
                months: labels.map { CaseStatistics.Month(month: $0, opened: opened[$0] ?? 0, closed: closed[$0] ?? 0) })
        }
    }
}
