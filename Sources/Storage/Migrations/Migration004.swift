import GRDB

/// 004: what department-feed ingestion adds to the import tables: the feed and spec version of
/// each file, the column and reason code of each rejected row, the ledger payload of each batch,
/// and a quality report per file (kept, so a feed's quality can be followed over time).
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration004 {
    static let identifier = "004_ingestion"

    static func migrate(_ db: Database) throws {
        // The canonical JSON whose SHA-256 the batch's `import_batch` ledger entry holds.
        try db.execute(sql: "ALTER TABLE import_batch ADD COLUMN ledger_payload TEXT")
        try db.execute(sql: "ALTER TABLE import_file ADD COLUMN feed TEXT")
        try db.execute(sql: "ALTER TABLE import_file ADD COLUMN spec_version INTEGER")
        try db.execute(sql: "ALTER TABLE import_file ADD COLUMN encoding TEXT")
        try db.execute(sql: "ALTER TABLE rejected_row ADD COLUMN source_column TEXT")
        try db.execute(sql: "ALTER TABLE rejected_row ADD COLUMN code TEXT")
        try db.execute(sql: """
            CREATE TABLE quality_report (
                file_id INTEGER PRIMARY KEY REFERENCES import_file(id),
                batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                feed TEXT NOT NULL,
                created_at TEXT NOT NULL,
                report TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX quality_report_by_feed ON quality_report(feed, created_at)")
    }
}
