import GRDB
import GRDBSQLite

/// One row of a statement being stepped, read column by column from SQLite's own buffers.
/// Valid only inside the closure `stepRows` hands it to.
struct SQLiteRowReader {
    fileprivate let statement: SQLiteStatement

    /// Column `i` as text; empty for NULL.
    func text(_ i: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, i) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, i))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Column `i` as text; nil for NULL or empty.
    func optionalText(_ i: Int32) -> String? {
        let value = text(i)
        return value.isEmpty ? nil : value
    }
}

/// Steps `statement` to its end, handing each row to `body`: the bulk reads of resolution
/// (a million registry rows) skip GRDB's `Row`, which copies every value into its own storage.
func stepRows(_ statement: Statement, _ body: (SQLiteRowReader) throws -> Void) throws {
    let stmt = statement.sqliteStatement
    sqlite3_reset(stmt)
    while true {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_DONE { break }
        guard rc == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(stmt))), sql: statement.sql)
        }
        try body(SQLiteRowReader(statement: stmt))
    }
    sqlite3_reset(stmt)
}
