public import FundWatchCore
import GRDB

/// Counts that describe what a database holds.
public struct DatabaseStats: Sendable, Hashable, Codable {
    /// Rows per record kind (every kind, zero included).
    public var rowsByKind: [String: Int]
    /// Distinct ID numbers in the person table.
    public var persons: Int
    /// Persons by county-level region code.
    public var personsByRegion: [String: Int]
    public var batches: Int
    public var rejectedRows: Int
    /// Benefit payments in total, in fen.
    public var paymentsTotal: Money
}

extension FundWatchDatabase {
    /// What the database holds.
    public func stats() async throws -> DatabaseStats {
        try await writer.read { db in
            var rows = [String: Int]()
            for kind in RecordKind.allCases {
                rows[kind.rawValue] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(kind.rawValue)") ?? 0
            }
            var byRegion = [String: Int]()
            for row in try Row.fetchAll(
                db, sql: "SELECT region_code, COUNT(DISTINCT id_number) FROM person WHERE region_code IS NOT NULL GROUP BY region_code")
            {
                byRegion[row[0]] = row[1]
            }
            return DatabaseStats(
                rowsByKind: rows,
                persons: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT id_number) FROM person") ?? 0,
                personsByRegion: byRegion,
                batches: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_batch") ?? 0,
                rejectedRows: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejected_row") ?? 0,
                paymentsTotal: Money(fen: try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM benefit_payment") ?? 0))
        }
    }

    /// The rejected rows of a batch (all batches when nil), in file and line order.
    public func rejectedRows(batchID: Int64? = nil) async throws -> [RejectedRow] {
        try await writer.read { db in
            let sql = """
                SELECT f.file_name, r.line, r.field, r.reason FROM rejected_row r JOIN import_file f ON f.id = r.file_id
                \(batchID == nil ? "" : "WHERE r.batch_id = ?") ORDER BY r.batch_id, f.file_name, r.line
                """
            return try Row.fetchAll(db, sql: sql, arguments: batchID.map { [$0] } ?? []).map {
                RejectedRow(file: $0[0], line: $0[1], field: $0[2], reason: $0[3])
            }
        }
    }
}
