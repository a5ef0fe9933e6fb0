import Foundation
import FundWatchCore
import GRDB
import GRDBSQLite

/// Reads the timelines of one range of person keys, in key order, straight from SQLite: one
/// statement per table over its person index, merged on the key.
///
/// This is the batch audit's loader, so it avoids what a general row API costs per row: rows
/// are stepped with `sqlite3_step` and their text read in place (no `Row`, no `DatabaseValue`),
/// the key is compared as bytes and turned into a `String` once per person, and every record
/// of the person shares that one string as its ID number (`IDNumber` keeps a canonical
/// caller's string as it is), so a million timelines do not hold thirty million copies of it.
/// Records still go through their canonical `init(row:)`, the same validation as import.
struct TimelineRangeReader {
    /// Keys at or above `lower`, when given.
    let lower: String?
    /// Keys below `upper`, when given.
    let upper: String?

    /// Calls `body` with each timeline of the range, in key order.
    func forEach(_ db: Database, _ body: (PersonTimeline) throws -> Void) throws {
        let tables = try FundWatchDatabase.personKinds.map { try TableCursor(db, kind: $0, lower: lower, upper: upper) }
        let links = try LinkCursor(db, lower: lower, upper: upper)
        while true {
            // The smallest key at the heads of the cursors, copied before any cursor moves.
            var smallest: TableCursor?
            for table in tables where table.hasRow {
                if let s = smallest, s.compareKey(with: table) <= 0 { continue }
                smallest = table
            }
            let key: String
            if let smallest {
                key = smallest.key
                if let linked = links.head?.key, linked < key { try emitLinksOnly(links, body); continue }
            } else if links.head != nil {
                try emitLinksOnly(links, body)
                continue
            } else {
                return
            }
            var timeline: PersonTimeline?
            for table in tables {
                while table.hasRow, table.keyEquals(key) {
                    let record = try table.decode(key: key)
                    if timeline == nil, let id = record.subjectID { timeline = PersonTimeline(idNumber: id) }
                    timeline?.add(record)
                    try table.step()
                }
            }
            while let head = links.head, head.key == key {
                if timeline == nil, let id = head.record.subjectID { timeline = PersonTimeline(idNumber: id) }
                timeline?.add(head.record)
                try links.step()
            }
            if let timeline { try body(timeline.sorted()) }
        }
    }

    /// A person known only through linked records (their key sorts before every table's head).
    private func emitLinksOnly(_ links: LinkCursor, _ body: (PersonTimeline) throws -> Void) throws {
        guard let first = links.head else { return }
        let key = first.key
        var timeline: PersonTimeline?
        while let head = links.head, head.key == key {
            if timeline == nil, let id = head.record.subjectID { timeline = PersonTimeline(idNumber: id) }
            timeline?.add(head.record)
            try links.step()
        }
        if let timeline { try body(timeline.sorted()) }
    }
}

/// The WHERE clause of a key range over `column`, and the values it binds.
private func rangeClause(_ column: String, lower: String?, upper: String?) -> (sql: String, values: [String]) {
    var terms = [String]()
    var values = [String]()
    if let lower {
        terms.append("\(column) >= ?")
        values.append(lower)
    }
    if let upper {
        terms.append("\(column) < ?")
        values.append(upper)
    }
    return (terms.isEmpty ? "" : " WHERE " + terms.joined(separator: " AND "), values)
}

/// Binds text values (copied by SQLite) to a prepared statement.
private func bind(_ values: [String], to statement: Statement, db: Database) throws {
    let stmt = statement.sqliteStatement
    for (i, value) in values.enumerated() {
        let rc = sqlite3_bind_text(stmt, Int32(i + 1), value, -1, sqliteTransient)
        guard rc == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}

/// Makes SQLite copy bound text, which lives only for the call.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One table's rows in person-key order, stepped in place.
private final class TableCursor {
    private let decoder: StoredRecordDecoder
    private let statement: Statement
    private let db: Database
    /// The column holding the person key, among the selected ones.
    private let keyColumn: Int32
    private(set) var hasRow = false
    /// Reused for every row, so a row costs no array allocation.
    private var values: [String]

    init(_ db: Database, kind: RecordKind, lower: String?, upper: String?) throws {
        decoder = StoredRecordDecoder(kind: kind)
        self.db = db
        let column = decoder.personColumn!
        let range = rangeClause(column, lower: lower, upper: upper)
        statement = try db.makeStatement(
            sql: "SELECT \(decoder.selectList), \(column) FROM \(kind.rawValue)\(range.sql) ORDER BY \(column), id")
        keyColumn = Int32(decoder.fields.count)
        values = [String](repeating: "", count: decoder.fields.count)
        try bind(range.values, to: statement, db: db)
        try step()
    }

    /// Moves to the next row.
    func step() throws {
        let rc = sqlite3_step(statement.sqliteStatement)
        switch rc {
        case SQLITE_ROW: hasRow = true
        case SQLITE_DONE: hasRow = false
        default:
            hasRow = false
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                sql: "SELECT … FROM \(decoder.kind.rawValue)")
        }
    }

    /// The current row's key bytes (valid until the next step).
    private var keyBytes: UnsafeBufferPointer<UInt8> {
        let stmt = statement.sqliteStatement
        guard let text = sqlite3_column_text(stmt, keyColumn) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(stmt, keyColumn)))
    }

    /// The current row's key.
    var key: String { String(decoding: keyBytes, as: UTF8.self) }

    /// SQLite's BINARY order of the two cursors' current keys, as `ORDER BY` sorted them.
    func compareKey(with other: TableCursor) -> Int { compareBytes(keyBytes, other.keyBytes) }

    /// Whether the current row belongs to `key`.
    func keyEquals(_ key: String) -> Bool {
        var key = key
        let mine = keyBytes
        return key.withUTF8 { compareBytes(mine, $0) == 0 }
    }

    /// Decodes the current row through the record type's canonical reader; the person column
    /// takes `key`, the same text, so every record of the person shares one string.
    func decode(key: String) throws -> any CanonicalRecord {
        let stmt = statement.sqliteStatement
        for (i, field) in decoder.fields.enumerated() {
            let column = Int32(i)
            switch sqlite3_column_type(stmt, column) {
            case SQLITE_INTEGER:
                let n = sqlite3_column_int64(stmt, column)
                values[i] = field.type == .bool ? (n != 0 ? "true" : "false") : String(n)
            case SQLITE_TEXT:
                if i == decoder.personField {
                    values[i] = key
                } else if let text = sqlite3_column_text(stmt, column) {
                    values[i] = String(
                        decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(stmt, column))), as: UTF8.self)
                } else {
                    values[i] = ""
                }
            case SQLITE_FLOAT: values[i] = String(Int64(sqlite3_column_double(stmt, column)))
            default: values[i] = ""  // NULL, or a blob where text belongs: unknown, as the row reader treats it
            }
        }
        return try decoder.decode(values: values)
    }
}

/// `person_link` rows in person-key order, decoded one ahead.
private final class LinkCursor {
    private let cursor: RowCursor
    private(set) var head: (key: String, record: any CanonicalRecord)?

    init(_ db: Database, lower: String?, upper: String?) throws {
        let range = rangeClause("person_key", lower: lower, upper: upper)
        cursor = try Row.fetchCursor(
            db, sql: "\(LinkedRecordDecoder.select)\(range.sql) ORDER BY person_key, id", arguments: StatementArguments(range.values))
        try step()
    }

    func step() throws {
        head = try cursor.next().map { row in (row[0], try LinkedRecordDecoder.decode(row)) }
    }
}

/// Compares byte strings as `memcmp`, then by length: SQLite's BINARY collation.
private func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let common = min(a.count, b.count)
    if common > 0 {
        let c = memcmp(a.baseAddress!, b.baseAddress!, common)
        if c != 0 { return Int(c) }
    }
    return a.count - b.count
}
