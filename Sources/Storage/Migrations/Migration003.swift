import GRDB

/// 003: person links. `fundwatch resolve` records here which person each record belongs to when
/// its own ID number cannot say (mistyped or missing, so the row was rejected at import), and the
/// pairs it was unsure about for a reviewer to decide.
///
/// A record with a valid ID number needs no row: its person key is that number (15-digit
/// numbers are upgraded to 18 at import). Frozen once shipped.
enum Migration003 {
    static let identifier = "003_person_links"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE resolution_run (
                id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                considered INTEGER NOT NULL DEFAULT 0,
                linked INTEGER NOT NULL DEFAULT 0,
                to_review INTEGER NOT NULL DEFAULT 0,
                unresolved INTEGER NOT NULL DEFAULT 0
            )
            """)
        // One row per linked record. `record_table` and `record_rowid` name the stored row
        // (today always rejected_row); `record_values` holds its canonical values as a JSON array
        // in the record type's field order with the ID field empty, so a timeline can read it.
        try db.execute(sql: """
            CREATE TABLE person_link (
                id INTEGER PRIMARY KEY,
                record_table TEXT NOT NULL,
                record_rowid INTEGER NOT NULL,
                record_kind TEXT NOT NULL,
                raw_id TEXT NOT NULL,
                person_key TEXT NOT NULL,
                method TEXT NOT NULL,
                probability REAL NOT NULL,
                run_id INTEGER NOT NULL REFERENCES resolution_run(id),
                record_values TEXT NOT NULL,
                UNIQUE (record_table, record_rowid)
            )
            """)
        try db.execute(sql: "CREATE INDEX person_link_by_person ON person_link(person_key)")
        // Pairs in the grey band: a record and a candidate person. `status` is open, same or
        // different; a decided pair is never proposed again.
        try db.execute(sql: """
            CREATE TABLE link_review (
                id INTEGER PRIMARY KEY,
                record_table TEXT NOT NULL,
                record_rowid INTEGER NOT NULL,
                record_kind TEXT NOT NULL,
                raw_id TEXT NOT NULL,
                person_key TEXT NOT NULL,
                probability REAL NOT NULL,
                waterfall TEXT NOT NULL,
                record_values TEXT NOT NULL,
                run_id INTEGER NOT NULL REFERENCES resolution_run(id),
                status TEXT NOT NULL DEFAULT 'open',
                reviewer TEXT,
                decided_at TEXT,
                UNIQUE (record_table, record_rowid, person_key)
            )
            """)
        try db.execute(sql: "CREATE INDEX link_review_by_status ON link_review(status)")
    }
}
