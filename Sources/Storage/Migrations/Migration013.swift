import GRDB

/// 013: indexes for the pre-payment check's neighbourhood reads. A check reads the payee's
/// household (persons at the same address) and everyone paid into the same bank account; without
/// these indexes each check scanned `person` and `bank_account` whole (measured by
/// `Benchmarks/web-bench.sh`: 50,000 and 42,034 rows on the demo store, per request).
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration013 {
    static let identifier = "013_neighbourhood_indexes"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS person_by_address ON person(address)")
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS bank_account_by_account ON bank_account(account)")
    }
}
