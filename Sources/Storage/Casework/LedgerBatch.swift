import Foundation
import GRDB

/// The ledger entries of one write transaction of casework and collaboration, appended as the
/// transaction's last step.
///
/// Why: the ledger is a file outside the database, so an entry appended in the middle of a
/// transaction that later rolls back (a refusal found after it, a constraint, a failing
/// statement) would stay in the log with no row to show for it — an orphan that says something
/// happened that did not. So the steps write their rows first with no ledger index and hand the
/// entry here; `FundWatchDatabase.writeRecording` appends every entry of the transaction in one
/// group commit after its last statement has succeeded, then stores each index in its row
/// (still inside the transaction). A failure before that appends nothing. What remains is the
/// commit itself failing after the append (the disk gone at that very moment): the log then
/// holds entries without rows, which the ledger's verifier reports rather than hides.
final class LedgerBatch: @unchecked Sendable {
    private struct Entry {
        let trail: AuditTrail
        let record: AuditTrail.Record
        /// Stores the entry's index where it belongs (its row's `ledger_index`).
        let apply: (UInt64, Database) throws -> Void
    }

    private var entries = [Entry]()

    private static let lock = NSLock()
    /// The batch of each connection's open transaction (the writer runs one at a time).
    nonisolated(unsafe) private static var open = [ObjectIdentifier: LedgerBatch]()

    static func begin(_ db: Database) -> LedgerBatch {
        let batch = LedgerBatch()
        lock.withLock { open[ObjectIdentifier(db)] = batch }
        return batch
    }

    nonisolated(unsafe) private static var generation: UInt64 = 0

    /// Counts casework and collaboration writes in this process, so that caches of their
    /// figures (the cockpit's case section) know when to read again.
    static var writeGeneration: UInt64 { lock.withLock { generation } }

    static func bumpGeneration() { lock.withLock { generation &+= 1 } }

    static func end(_ db: Database) {
        _ = lock.withLock { open.removeValue(forKey: ObjectIdentifier(db)) }
    }

    /// Hands `record` to the transaction's batch; `apply` gets its index once appended. Outside
    /// `writeRecording` (no batch open) it is appended at once, as before.
    static func append(
        _ record: AuditTrail.Record, to trail: AuditTrail, _ db: Database, apply: @escaping (UInt64, Database) throws -> Void
    ) throws {
        if let batch = lock.withLock({ open[ObjectIdentifier(db)] }) {
            batch.entries.append(Entry(trail: trail, record: record, apply: apply))
        } else {
            try apply(try trail.record(record), db)
        }
    }

    /// Appends the pending entries (one group commit per trail, in order) and stores their indices.
    func flush(_ db: Database) throws {
        var start = 0
        while start < entries.count {
            let trail = entries[start].trail
            var end = start
            while end < entries.count && entries[end].trail === trail { end += 1 }
            let group = entries[start..<end]
            let indices = try trail.record(group.map(\.record))
            for (entry, index) in zip(group, indices) { try entry.apply(index, db) }
            start = end
        }
        entries.removeAll()
    }
}

extension FundWatchDatabase {
    /// A number that changes whenever a casework or collaboration write has gone through in this
    /// process (any database): caches of case figures compare it to know they are current.
    public static var caseWriteGeneration: UInt64 { LedgerBatch.writeGeneration }

    /// A write transaction whose ledger entries (`LedgerBatch`) are appended after its last
    /// statement; `read` then sees the rows with their ledger indices.
    func writeRecording<T: Sendable, U: Sendable>(
        _ body: @escaping @Sendable (Database) throws -> T, then read: @escaping @Sendable (Database, T) throws -> U
    ) async throws -> U {
        try await writer.write { db in
            let batch = LedgerBatch.begin(db)
            defer { LedgerBatch.end(db) }
            let result = try body(db)
            try batch.flush(db)
            LedgerBatch.bumpGeneration()
            return try read(db, result)
        }
    }

    /// A write transaction whose ledger entries are appended after its last statement.
    func writeRecording<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writeRecording(body, then: { _, result in result })
    }
}
