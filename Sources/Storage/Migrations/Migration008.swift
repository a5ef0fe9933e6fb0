import GRDB

/// 008: what person resolution adds. Pairs of registry entries that are one human under two
/// ID numbers (`person_merge`). The header of each imported canonical file, so that a row
/// set aside for its ID number can be read back whatever the file's column order (the raw row
/// keeps the file's order). Files ingested through a mapping spec keep it NULL: their raw rows
/// are in the department's own columns.
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration008 {
    static let identifier = "008_person_merge"

    static func migrate(_ db: Database) throws {
        // The file's header line as one CSV line, as read.
        try db.execute(sql: "ALTER TABLE import_file ADD COLUMN header TEXT")
        // Registry entries that are one human under two ID numbers: the model's sure pairs
        // (`linked`), grey-band pairs for a reviewer (`open`), and decisions (`same`, `different`).
        // One row per pair, the smaller key first; a decided pair is never proposed again.
        try db.execute(sql: """
            CREATE TABLE person_merge (
                id INTEGER PRIMARY KEY,
                person_key TEXT NOT NULL,
                other_key TEXT NOT NULL,
                probability REAL NOT NULL,
                waterfall TEXT NOT NULL,
                run_id INTEGER NOT NULL REFERENCES resolution_run(id),
                status TEXT NOT NULL,
                reviewer TEXT,
                decided_at TEXT,
                UNIQUE (person_key, other_key)
            )
            """)
        try db.execute(sql: "CREATE INDEX person_merge_by_other ON person_merge(other_key)")
    }
}
