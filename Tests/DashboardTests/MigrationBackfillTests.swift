import Dashboard
import Foundation
import FundWatchCore
import GRDB
@testable import Storage
import Testing

@Suite struct MigrationBackfillTests {
    /// A store audited before migration 006 existed gets rollups that match its findings when it
    /// is opened by this version.
    @Test func findingsStoredBefore006AreRolledUpWhenItRuns() async throws {
        let queue = try DatabaseQueue()
        try FundWatchDatabase.migrator.migrate(queue, upTo: "004_ingestion")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO rule_version (rule_id, version, sha256, status, title, first_seen_at)
                    VALUES ('pension_after_death', 1, 'x', 'active', 't', '2026-01-01')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO audit_run (started_at, as_of, actor, persons, findings, new_findings, suppressed, failures)
                    VALUES ('2026-02-10T00:00:00Z', '2026-02-01', 'test', 3, 3, 3, 0, 0)
                    """)
            for (id, severity, status, region) in [
                ("370102195001011234", "red", "open", "370102"), ("371482195001011234", "orange", "open", "371482"),
                ("371482195001012345", "red", "suppressed", "371482"),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO finding (rule_id, rule_version, id_number, kind, severity, score, risk_score,
                            amount_at_risk, records, explanation, region_code, status, payload_sha256, first_seen_run,
                            last_seen_run)
                        VALUES ('pension_after_death', 1, ?, 'fraud', ?, 0, 61.5, 1000, '[]', '', ?, ?, 'h', 1, 1)
                        """,
                    arguments: [id, severity, region, status])
            }
        }
        let db = try FundWatchDatabase(queue)
        var index = RiskRollupIndex(catalog: .shared)
        index.apply(try await db.rollupChanges(after: 0))
        #expect(index.rollup(for: "370000").measure(.total) == RollupMeasure(findings: 2, amountAtRisk: 2000, red: 1, riskHundredths: 12_300))
        #expect(index.rollup(for: "371400").measure(.status, "suppressed").findings == 1)
        #expect(index.rollup(for: "370100").measure(.period, "2026-02").findings == 1)
        // And from then on the triggers keep them.
        try await db.writer.write { try $0.execute(sql: "UPDATE finding SET status = 'open' WHERE status = 'suppressed'") }
        index.apply(try await db.rollupChanges(after: index.version))
        #expect(index.rollup(for: "000000").measure(.total).findings == 3)
    }
}
