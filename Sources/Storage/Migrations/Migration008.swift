import GRDB

/// 008: what person resolution adds. The header of each imported canonical file, so that a row
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
    }
}
