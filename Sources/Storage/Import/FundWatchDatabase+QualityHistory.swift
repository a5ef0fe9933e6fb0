import Foundation
public import Ingestion
import GRDB

/// One stored quality report: a file of a batch, when it was imported.
public struct QualityHistoryEntry: Sendable, Hashable {
    public var batchID: Int64
    /// The batch's import time as stored (ISO 8601).
    public var importedAt: String
    public var report: FileQualityReport
}

extension FundWatchDatabase {
    /// The quality reports kept with each imported file, by feed and then oldest first; only
    /// `feed`'s when given. A report that cannot be decoded is an error naming its batch.
    public func qualityHistory(feed: String? = nil) throws -> [QualityHistoryEntry] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT batch_id, created_at, report FROM quality_report
                    WHERE ?1 IS NULL OR feed = ?1 ORDER BY feed, created_at, file_id
                    """,
                arguments: [feed])
            let decoder = JSONDecoder()
            return try rows.map { row in
                let batch: Int64 = row["batch_id"]
                let json: String = row["report"]
                do {
                    return QualityHistoryEntry(
                        batchID: batch, importedAt: row["created_at"], report: try decoder.decode(FileQualityReport.self, from: Data(json.utf8)))
                } catch {
                    throw ImportError(file: "quality_report", line: nil, field: nil, message: "the quality report of batch \(batch) cannot be read (\(error)); the database may be damaged")
                }
            }
        }
    }
}
