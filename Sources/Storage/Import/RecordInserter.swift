import FundWatchCore
import GRDB
import GRDBSQLite

/// A prepared `INSERT` for one record table, binding canonical values straight to SQLite.
///
/// The import is the hottest write path, so values are bound with `sqlite3_bind_*` on a
/// statement prepared once, instead of building GRDB `StatementArguments` per row.
final class RecordInserter {
    private let statement: Statement
    private let types: [FieldType]
    private let table: String
    /// The row's text values laid end to end, so that SQLite can read them in place
    /// (SQLITE_STATIC) for the one `sqlite3_step` instead of copying each into its own allocation.
    private var scratch: [UInt8] = []
    private var spans: [(index: Int32, start: Int, count: Int)] = []

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
        scratch.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
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
                let start = scratch.count
                scratch.append(contentsOf: value.utf8)
                spans.append((index, start, scratch.count - start))
            }
        }
        let spans = self.spans
        // SQLite reads the bound text during the step, so bind and step inside one access to the buffer.
        let rc = scratch.withUnsafeBufferPointer { buffer -> Int32 in
            if let base = buffer.baseAddress {
                let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                for span in spans {
                    _ = sqlite3_bind_text(stmt, span.index, chars + span.start, Int32(span.count), sqliteStatic)
                }
            }
            return sqlite3_step(stmt)
        }
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: "INSERT INTO \(table)")
        }
    }
}

/// SQLite's SQLITE_STATIC: read the bound bytes in place; they stay valid until the next bind.
private let sqliteStatic: sqlite3_destructor_type? = nil
