public import Foundation
import GRDB

/// A witness's cosignature of one of the log's checkpoints, as stored after verification.
public struct StoredCosignature: Sendable, Hashable {
    public var treeSize: UInt64
    /// The checkpoint's root, base64 (as in the checkpoint text).
    public var root: String
    /// The witness's name in the log policy.
    public var witness: String
    /// The witness's signed-note signature line (`— <key name> <base64>`).
    public var line: String
    /// The log's own signature line of the same checkpoint, as the witness received it.
    public var logLine: String
    public var receivedAt: Date

    public init(treeSize: UInt64, root: String, witness: String, line: String, logLine: String, receivedAt: Date) {
        self.treeSize = treeSize
        self.root = root
        self.witness = witness
        self.line = line
        self.logLine = logLine
        self.receivedAt = receivedAt
    }
}

extension FundWatchDatabase {
    /// Stores a verified cosignature (a newer one from the same witness for the same size replaces it).
    public func storeCosignature(_ cosignature: StoredCosignature) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO witness_cosignature (tree_size, root, witness, line, log_line, received_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tree_size, witness) DO UPDATE SET root = excluded.root, line = excluded.line,
                        log_line = excluded.log_line, received_at = excluded.received_at
                    """,
                arguments: [
                    Int64(cosignature.treeSize), cosignature.root, cosignature.witness, cosignature.line,
                    cosignature.logLine, WebTime.format(cosignature.receivedAt),
                ])
        }
    }

    /// The cosignatures stored for one tree size.
    public func cosignatures(treeSize: UInt64) async throws -> [StoredCosignature] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM witness_cosignature WHERE tree_size = ? ORDER BY witness",
                arguments: [Int64(treeSize)]
            ).map(Self.cosignature)
        }
    }

    /// The tree sizes that have cosignatures, largest first, with how many witnesses signed each.
    public func cosignedSizes(limit: Int = 20) async throws -> [(size: UInt64, witnesses: Int)] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT tree_size, COUNT(*) AS n FROM witness_cosignature GROUP BY tree_size ORDER BY tree_size DESC LIMIT ?",
                arguments: [limit]
            ).map { row -> (size: UInt64, witnesses: Int) in
                let size: Int64 = row["tree_size"]
                let count: Int = row["n"]
                return (UInt64(max(0, size)), count)
            }
        }
    }

    static func cosignature(_ row: Row) -> StoredCosignature {
        StoredCosignature(
            treeSize: UInt64(max(0, row["tree_size"] as Int64)), root: row["root"], witness: row["witness"],
            line: row["line"], logLine: row["log_line"], receivedAt: WebTime.parse(row["received_at"]) ?? .distantPast)
    }
}
