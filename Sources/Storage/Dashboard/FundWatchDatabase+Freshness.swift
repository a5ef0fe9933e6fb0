import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// The record kinds whose freshness is followed, with the date that makes a record new and
    /// the region it counts for. Kinds without a date (person, bank account, institution, staff)
    /// are left out.
    static let freshnessFeeds: [(kind: RecordKind, date: String, region: String?)] = [
        (.deathRecord, "COALESCE(r.recorded_date, r.death_date)", nil),
        (.custodyRecord, "r.start_date", nil),
        (.employmentRecord, "r.period || '-01'", nil),
        (.benefitPayment, "COALESCE(r.pay_date, r.period || '-01')", "r.region_code"),
        (.medicalSettlement, "COALESCE(r.discharge_date, r.admission_date)", "r.region_code"),
        (.contribution, "COALESCE(r.paid_date, r.period || '-01')", nil),
        (.qualificationCheck, "r.check_date", nil),
        (.injuryClaim, "r.claim_date", "r.region_code"),
        (.enrollment, "r.start_date", "r.region_code"),
    ]

    /// Counts the records imported since the last refresh into the per-county freshness table:
    /// reads only rows above each table's watermark, so it costs what was imported, not what is
    /// stored. A record without a region of its own counts for its person's county (the newest
    /// person row); one whose person is unknown counts under the empty region. Returns the number
    /// of rows read; bumps the dashboard version when it read any.
    @discardableResult
    public func refreshFreshness() async throws -> Int {
        try await writer.write { db in
            var read = 0
            for feed in Self.freshnessFeeds {
                let table = feed.kind.rawValue
                let from =
                    try Int64.fetchOne(
                        db, sql: "SELECT last_row_id FROM feed_freshness_watermark WHERE record_kind = ?",
                        arguments: [table]) ?? 0
                guard let top = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(table)"), top > from else {
                    continue
                }
                let personRegion =
                    "(SELECT p.region_code FROM person p WHERE p.id_number = r.id_number ORDER BY p.id DESC LIMIT 1)"
                let region = feed.region.map { "COALESCE(\($0), \(personRegion))" } ?? personRegion
                try db.execute(
                    sql: """
                        INSERT INTO feed_freshness (region_code, record_kind, newest_date, rows)
                        SELECT region, ?, MAX(d), COUNT(*) FROM (
                            SELECT COALESCE(\(region), '') AS region, \(feed.date) AS d
                            FROM \(table) r WHERE r.id > ? AND r.id <= ?
                        )
                        WHERE d IS NOT NULL AND length(d) = 10
                        GROUP BY region
                        ON CONFLICT (region_code, record_kind) DO UPDATE SET
                            newest_date = max(newest_date, excluded.newest_date), rows = rows + excluded.rows
                        """,
                    arguments: [table, from, top])
                try db.execute(
                    sql: """
                        INSERT INTO feed_freshness_watermark (record_kind, last_row_id) VALUES (?, ?)
                        ON CONFLICT (record_kind) DO UPDATE SET last_row_id = excluded.last_row_id
                        """,
                    arguments: [table, top])
                read += Int(top - from)
            }
            if read > 0 { try db.execute(sql: "UPDATE dashboard_state SET version = version + 1 WHERE id = 1") }
            return read
        }
    }

    /// Every county's newest record per followed kind.
    public func freshnessCells() async throws -> [FreshnessCell] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT region_code, record_kind, newest_date, rows FROM feed_freshness ORDER BY 1, 2"
            )
            .compactMap { row in
                guard let kind = RecordKind(rawValue: row[1]), let date = CivilDate(row[2] as String) else {
                    return nil
                }
                return FreshnessCell(regionCode: row[0], kind: kind, newest: date, rows: row[3])
            }
        }
    }
}
