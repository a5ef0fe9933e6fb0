import FundWatchCore
import GRDB

/// Drops a table's secondary indexes for a bulk load into an empty table, and builds them
/// again afterwards, inside the same transaction.
///
/// Building an index once from sorted data is several times cheaper than keeping it up to date
/// row by row while rows arrive in file order rather than key order. Both steps run in the
/// import's transaction, so a failed import leaves the indexes as they were.
struct BulkLoadIndexes {
    private let definitions: [String]

    /// Drops the indexes of `table` when it is empty; does nothing otherwise.
    init(table: RecordKind, db: Database) throws {
        let empty = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM \(table.rawValue) LIMIT 1)") == 0
        guard empty else {
            definitions = []
            return
        }
        let rows = try Row.fetchAll(
            db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            arguments: [table.rawValue])
        for row in rows {
            let name: String = row[0]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
        }
        definitions = rows.map { $0[1] }
    }

    /// Builds the dropped indexes again.
    func restore(db: Database) throws {
        for sql in definitions { try db.execute(sql: sql) }
    }
}
