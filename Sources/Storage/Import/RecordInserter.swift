import FundWatchCore
import GRDB
import GRDBSQLite

/// A prepared `INSERT` for one record table, binding canonical values straight to SQLite.
///
/// The import is the hottest write path, so values are bound with `sqlite3_bind_*` on a
/// statement prepared once, instead of building GRDB `StatementArguments` per row.
struct RecordInserter {
    private let statement: Statement
    private let types: [FieldType]
    private let table: String

    init(db: Database, kind: RecordKind) throws {
        let fields = kind.recordType.fields
        let columns = ["batch_id", "file_id", "line"] + fields.map(\.name)
        // Table and column names come from RecordKind and FieldSpec, never from input.
        let sql = "INSERT INTO \(kind.rawValue) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        self.statement = try db.makeStatement(sql: sql)
        self.types = fields.map(\.type)
        self.table = kind.rawValue
    }

    /// Inserts one record's canonical values.
    func insert(batchID: Int64, fileID: Int64, line: Int, values: [String], db: Database) throws {
        let stmt = statement.sqliteStatement
        sqlite3_reset(stmt)
        sqlite3_bind_int64(stmt, 1, batchID)
        sqlite3_bind_int64(stmt, 2, fileID)
        sqlite3_bind_int64(stmt, 3, Int64(line))
        for (i, value) in values.enumerated() {
            let index = Int32(i + 4)
            if value.isEmpty {
                sqlite3_bind_null(stmt, index)
                continue
            }
            switch types[i] {
            case .money: sqlite3_bind_int64(stmt, index, Int64(value) ?? 0)
            case .bool: sqlite3_bind_int64(stmt, index, value == "true" ? 1 : 0)
            default:
                var v = value
                v.withUTF8 { buffer in
                    _ = sqlite3_bind_text(stmt, index, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                        Int32(buffer.count), sqliteTransient)
                }
            }
        }
        let rc = sqlite3_step(stmt)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: "INSERT INTO \(table)")
        }
    }
}

/// SQLite's SQLITE_TRANSIENT: copy the bound bytes, since the Swift buffer does not outlive the call.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
