import GRDB

/// A ledger entry's subject, where it is in the log, and the region it belongs to (nil: seen
/// by the nation's users only).
public struct LedgerSubjectRow: Sendable, Hashable {
    public let subject: String
    public let entryIndex: UInt64
    public let regionCode: String?

    public init(subject: String, entryIndex: UInt64, regionCode: String?) {
        self.subject = subject
        self.entryIndex = entryIndex
        self.regionCode = regionCode
    }
}

extension FundWatchDatabase {
    /// Records where entries just committed to the ledger can be found by subject, in one
    /// transaction; a row already there is left as it is. Synchronous: the ledger's commit
    /// thread calls it after each group commit.
    public func indexLedgerSubjects(_ rows: [LedgerSubjectRow]) throws {
        guard !rows.isEmpty else { return }
        try writer.write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO ledger_subject (subject, entry_index, region_code) VALUES (?, ?, ?)")
            for row in rows {
                try statement.execute(arguments: [row.subject, Int64(row.entryIndex), row.regionCode])
            }
        }
    }

    /// The indices of the ledger entries about `subject` that lie in `scope`, newest first (at
    /// most `limit`). Entries of other regions are not named: to the caller they do not exist.
    public func ledgerEntries(subject: String, in scope: RegionScope, limit: Int = 20) async throws -> [UInt64] {
        try await writer.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT entry_index FROM ledger_subject
                    WHERE subject = ? AND (? OR region_code LIKE ?)
                    ORDER BY entry_index DESC LIMIT ?
                    """,
                arguments: [subject, scope.isNation, scope.likePattern, limit]
            ).map { UInt64($0) }
        }
    }
}
