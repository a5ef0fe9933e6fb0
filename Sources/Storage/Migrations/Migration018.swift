import GRDB

/// 018: which ledger entries carry which subject, and the region each belongs to, so that a
/// pre-payment check's answer (`ledger_subject`) leads to its entry and inclusion proof within
/// the caller's region. The ledger itself holds ids and hashes only (no region, no personal
/// data); this table is the look-up beside it.
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration018 {
    static let identifier = "018_ledger_subject"

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE ledger_subject (
                    subject TEXT NOT NULL,
                    entry_index INTEGER NOT NULL,
                    region_code TEXT,
                    PRIMARY KEY (subject, entry_index)
                )
                """)
    }
}
