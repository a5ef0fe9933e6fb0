import GRDB

/// The rollup cells that changed after a version, read with the version they bring the reader to.
public struct RollupChanges: Sendable, Hashable {
    /// The dashboard version the cells are current at.
    public var version: Int64
    /// Cells whose version is above the one asked about (zeroed cells included, so a reader can
    /// take a finding away).
    public var cells: [RollupCell]
    /// Whether `cells` is the whole rollup (a reader drops what it held) rather than the changes.
    public var replacesAll: Bool
}

extension FundWatchDatabase {
    /// The dashboard version: bumped by every change to findings that the rollups count and by
    /// every freshness refresh that found newer records. A cache holding an older one is stale.
    public func dashboardVersion() async throws -> Int64 {
        try await writer.read { db in try Self.dashboardVersion(db) }
    }

    static func dashboardVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT version FROM dashboard_state WHERE id = 1") ?? 0
    }

    /// The rollup cells changed after `version` (all of them for 0), in one read so that the
    /// returned version matches the cells. When `version` is 0 or above the database's (another
    /// database), every cell comes back and `replacesAll` is set.
    public func rollupChanges(after version: Int64) async throws -> RollupChanges {
        try await writer.read { db in
            let current = try Self.dashboardVersion(db)
            guard current != version else { return RollupChanges(version: current, cells: [], replacesAll: false) }
            // A version above the database's means a rebuilt or different database: start over.
            let from = current < version ? 0 : version
            let rows = try Row.fetchCursor(
                db,
                sql:
                    "SELECT region_code, dimension, key, findings, amount, red, risk, version FROM finding_rollup WHERE version > ?",
                arguments: [from])
            var cells = [RollupCell]()
            while let row = try rows.next() {
                guard let dimension = RollupCell.Dimension(rawValue: row[1]) else { continue }
                cells.append(
                    RollupCell(
                        regionCode: row[0], dimension: dimension, key: row[2],
                        measure: RollupMeasure(
                            findings: row[3], amountAtRisk: row[4], red: row[5], riskHundredths: row[6]),
                        version: row[7]))
            }
            return RollupChanges(version: current, cells: cells, replacesAll: from == 0)
        }
    }

    /// Recomputes every rollup row from the findings table in one transaction, and bumps the
    /// version so that every cache starts over. The triggers keep the rollups current, so this is
    /// a repair (and the benchmark's from-scratch figure), not part of the normal flow.
    public func rebuildRollups() async throws {
        try await writer.write { db in
            // Zeroed rather than deleted, so that a cache reading changes learns of the cells that
            // are gone too.
            try db.execute(sql: "UPDATE dashboard_state SET version = version + 1 WHERE id = 1")
            try db.execute(
                sql: """
                    UPDATE finding_rollup SET findings = 0, amount = 0, red = 0, risk = 0,
                        version = (SELECT version FROM dashboard_state WHERE id = 1)
                    """)
            try db.execute(
                sql: Migration006.rebuildSQL + """

                    ON CONFLICT (region_code, dimension, key) DO UPDATE SET
                        findings = excluded.findings, amount = excluded.amount, red = excluded.red, risk = excluded.risk,
                        version = excluded.version
                    """)
        }
    }

    /// Titles of the rules, by id (the newest version's).
    public func ruleTitles() async throws -> [String: String] {
        try await writer.read { db in
            var out = [String: String]()
            for row in try Row.fetchAll(db, sql: "SELECT rule_id, title FROM rule_version ORDER BY rule_id, version") {
                out[row[0]] = row[1]
            }
            return out
        }
    }
}
