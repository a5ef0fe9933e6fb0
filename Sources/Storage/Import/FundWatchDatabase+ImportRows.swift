public import Foundation
import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// Imports department exports, already mapped to canonical rows, as one batch, through the same
    /// bookkeeping as `importFiles`: atomic (every file's rows, rejects and quality report, and the
    /// ledger entry, or nothing), idempotent (a file whose bytes were imported before is skipped).
    ///
    /// A file whose rejected rows exceed its `maxRejectRate` refuses the whole batch: an
    /// `ImportError` saying how many, and nothing is written.
    ///
    /// Runs on the caller's thread (a synchronous GRDB write): the sources read files as they go
    /// and need not be `Sendable`.
    public func importRows(
        _ files: [IncomingFile], source: String, now: Date, trail: AuditTrail? = nil, actor: String = "fundwatch ingest"
    ) throws -> ImportReport {
        var files = files
        return try writer.write { db in
            var report = ImportReport(batchID: nil, files: [], rejected: [], ignored: [])
            var pending = [Int]()
            for (i, file) in files.enumerated() {
                if let previous = try BatchWriter.previousBatch(db: db, kind: file.kind, sha256: file.sha256) {
                    report.files.append(.init(name: file.name, kind: file.kind, importedRows: 0, rejectedRows: 0, alreadyImportedInBatch: previous))
                } else {
                    pending.append(i)
                }
            }
            guard !pending.isEmpty else { return report }
            var batch = try BatchWriter(db: db, source: source, now: now)
            report.batchID = batch.batchID
            for i in pending {
                let file = files[i]
                let fileID = try batch.beginFile(
                    db: db, kind: file.kind, name: file.name, sha256: file.sha256, feed: file.feed, specVersion: file.specVersion,
                    encoding: file.encoding)
                let indexes = try BulkLoadIndexes(table: file.kind, db: db)
                let inserter = try RecordInserter(db: db, kind: file.kind)
                var imported = 0
                var rejected = 0
                while let outcome = try files[i].rows.next() {
                    switch outcome {
                    case .accepted(let line, let values):
                        try inserter.insert(batchID: batch.batchID, fileID: fileID, line: line, values: values, db: db)
                        imported += 1
                    case .rejected(let line, let field, let column, let code, let reason, let raw):
                        rejected += 1
                        report.rejected.append(RejectedRow(file: file.name, line: line, field: field, reason: reason))
                        try batch.reject(fileID: fileID, line: line, field: field, reason: reason, raw: raw, column: column, code: code)
                    }
                }
                try indexes.restore(db: db)
                let read = imported + rejected
                if read > 0, Double(rejected) / Double(read) > file.maxRejectRate {
                    throw ImportError(
                        file: file.name, line: nil, field: nil,
                        message: String(
                            format: "%d of %d rows rejected (%.1f %%), above the %.1f %% allowed; nothing was imported. Fix the export or the spec and ingest again",
                            rejected, read, 100 * Double(rejected) / Double(read), 100 * file.maxRejectRate))
                }
                try batch.finishFile(
                    db: db, fileID: fileID, kind: file.kind, name: file.name, sha256: file.sha256, feed: file.feed,
                    specVersion: file.specVersion, imported: imported, rejected: rejected)
                let crossFeed = try CrossFeedCheck.run(db: db, kind: file.kind, fileID: fileID)
                if let json = files[i].rows.qualityReportJSON(crossFeed: crossFeed) {
                    try db.execute(
                        sql: "INSERT INTO quality_report (file_id, batch_id, feed, created_at, report) VALUES (?, ?, ?, ?, ?)",
                        arguments: [fileID, batch.batchID, file.feed, batch.importedAt, json])
                }
                report.files.append(.init(name: file.name, kind: file.kind, importedRows: imported, rejectedRows: rejected, alreadyImportedInBatch: nil))
            }
            try batch.finish(db: db, trail: trail, actor: actor)
            return report
        }
    }
}
