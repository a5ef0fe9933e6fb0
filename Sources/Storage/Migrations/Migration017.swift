import GRDB

/// 017: a recovery's write-off (核销) as a proposal waiting for a second person's approval: the
/// amount, reason and proposer of the pending proposal (cleared when approved or declined), so
/// that nobody writes money off alone.
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration017 {
    static let identifier = "017_case_write_off_proposal"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE case_recovery ADD COLUMN write_off_proposed INTEGER")
        try db.execute(sql: "ALTER TABLE case_recovery ADD COLUMN write_off_proposed_by TEXT")
        try db.execute(sql: "ALTER TABLE case_recovery ADD COLUMN write_off_proposed_reason TEXT")
    }
}
