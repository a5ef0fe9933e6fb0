public import Foundation
import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// The cockpit's case section: the scope's case flow in the current month (China Standard
    /// Time), its open, overdue and supervised-overdue cases and its recovery rate, and the same
    /// for each of `children` (region codes below the scope's, e.g. the cockpit's children).
    ///
    /// Four grouped queries over the scope, rolled up per child by code prefix in memory: cases
    /// are counted in thousands, not millions, so one pass is cheaper than a query per child.
    public func caseFlow(in scope: RegionScope, children: [String], at now: Date) async throws -> CaseFlow {
        let today = Self.chinaDate(now)
        let period = String(format: "%04d-%02d", today.year, today.month)
        let perCounty = try await writer.read { db -> [String: CaseFlow.Row] in
            let clause = Self.scopeClause(scope, column: "c.region_code")
            let args = Self.scopeArguments(scope)
            var rows = [String: CaseFlow.Row]()
            func with(_ code: String, _ change: (inout CaseFlow.Row) -> Void) {
                var row = rows[code] ?? CaseFlow.Row(code: code)
                change(&row)
                rows[code] = row
            }
            var headArgs: StatementArguments = [period, WebTime.format(now)]
            _ = headArgs.append(contentsOf: args)
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.region_code AS code,
                        SUM(CASE WHEN strftime('%Y-%m', c.opened_at, '+8 hours') = ? THEN 1 ELSE 0 END) AS opened,
                        SUM(CASE WHEN c.state NOT IN ('closed', 'dismissed') THEN 1 ELSE 0 END) AS open,
                        SUM(CASE WHEN c.supervised_by IS NOT NULL AND c.signed_off_by IS NULL
                            AND c.state NOT IN ('closed', 'dismissed') AND c.supervision_deadline < ? THEN 1 ELSE 0 END) AS supervised
                    FROM case_file c WHERE \(clause) GROUP BY c.region_code
                    """,
                arguments: headArgs)
            {
                with(r["code"]) {
                    $0.opened = r["opened"]
                    $0.open = r["open"]
                    $0.overdueSupervised = r["supervised"]
                }
            }
            var periodArgs: StatementArguments = [period]
            _ = periodArgs.append(contentsOf: args)
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.region_code AS code, COUNT(DISTINCT e.case_id) AS n FROM case_event e JOIN case_file c ON c.id = e.case_id
                    WHERE e.action IN ('close', 'dismiss') AND strftime('%Y-%m', e.at, '+8 hours') = ? AND \(clause)
                    GROUP BY c.region_code
                    """,
                arguments: periodArgs)
            {
                with(r["code"]) { $0.closed = r["n"] }
            }
            var nowArgs: StatementArguments = [WebTime.format(now)]
            _ = nowArgs.append(contentsOf: args)
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.region_code AS code, COUNT(DISTINCT t.case_id) AS n FROM case_task t JOIN case_file c ON c.id = t.case_id
                    WHERE t.done_at IS NULL AND t.due_at < ? AND c.state NOT IN ('closed', 'dismissed') AND \(clause)
                    GROUP BY c.region_code
                    """,
                arguments: nowArgs)
            {
                with(r["code"]) { $0.overdue = r["n"] }
            }
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.region_code AS code, SUM(r.owed) AS owed,
                        COALESCE(SUM((SELECT SUM(p.amount) FROM case_recovery_payment p WHERE p.recovery_id = r.id)), 0) AS received
                    FROM case_recovery r JOIN case_file c ON c.id = r.case_id WHERE \(clause) GROUP BY c.region_code
                    """,
                arguments: args)
            {
                with(r["code"]) {
                    $0.owed = Money(fen: r["owed"])
                    $0.recovered = Money(fen: r["received"])
                }
            }
            return rows
        }
        func rollUp(_ code: String, _ prefix: String) -> CaseFlow.Row {
            var sum = CaseFlow.Row(code: code)
            for row in perCounty.values where row.code.hasPrefix(prefix) {
                sum.opened += row.opened
                sum.closed += row.closed
                sum.open += row.open
                sum.overdue += row.overdue
                sum.overdueSupervised += row.overdueSupervised
                sum.owed = sum.owed + row.owed
                sum.recovered = sum.recovered + row.recovered
            }
            sum.recoveryRate = sum.owed.fen == 0 ? nil : Double(sum.recovered.fen) / Double(sum.owed.fen)
            return sum
        }
        return CaseFlow(
            period: period, region: rollUp(scope.code, scope.prefix),
            children: children.map { code in rollUp(code, RegionScope(code: code)?.prefix ?? code) })
    }
}
