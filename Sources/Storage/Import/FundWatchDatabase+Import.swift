public import Foundation
public import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// Imports canonical files as one batch, atomically: every file's good rows and every
    /// rejected row are committed together, or nothing is (an `ImportError` for a bad header,
    /// or a database failure, rolls the whole batch back).
    ///
    /// Idempotent: a file whose bytes were imported before is skipped and reported with the batch
    /// that holds it; when every file was, nothing is written and `batchID` is nil.
    ///
    /// - Parameters:
    ///   - source: where the files came from (folder or feed name), kept on the batch.
    ///   - now: the import time (injected; kept on the batch).
    ///   - today: bounds birth and event dates in validation.
    ///   - strict: when true, the first rejected row aborts the whole import (nothing written).
    ///   - trail: the data folder's ledger; when given, the batch's `import_batch` entry is recorded
    ///     in the same transaction (a ledger failure rolls the batch back).
    public func importFiles(
        _ files: [CanonicalFile], ignored: [String] = [], source: String, now: Date, today: CivilDate, strict: Bool = false,
        trail: AuditTrail? = nil, actor: String = "fundwatch import"
    ) async throws -> ImportReport {
        // Headers are checked before anything is written, so a bad file costs nothing.
        var checked = [(file: CanonicalFile, header: CanonicalHeader, rows: CSVReader.Iterator)]()
        for file in files {
            var rows = CSVReader(bytes: file.bytes).makeIterator()
            guard let headerRow = rows.next() else {
                throw ImportError(file: file.name, line: 1, field: nil, message: "the file is empty; it needs at least a header line")
            }
            if let problem = headerRow.problem {
                throw ImportError(file: file.name, line: headerRow.line, field: nil, message: "the header cannot be read: \(problem)")
            }
            checked.append((file, try CanonicalHeader(kind: file.kind, header: headerRow.fields, file: file.name), rows))
        }
        let plans = checked
        return try await writer.write { db in
            var report = ImportReport(batchID: nil, files: [], rejected: [], ignored: ignored)
            var pending = [(file: CanonicalFile, header: CanonicalHeader, rows: CSVReader.Iterator)]()
            for plan in plans {
                if let previous = try BatchWriter.previousBatch(db: db, kind: plan.file.kind, sha256: plan.file.sha256) {
                    report.files.append(.init(name: plan.file.name, kind: plan.file.kind, importedRows: 0, rejectedRows: 0, alreadyImportedInBatch: previous))
                } else {
                    pending.append(plan)
                }
            }
            guard !pending.isEmpty else { return report }

            var batch = try BatchWriter(db: db, source: source, now: now)
            let batchID = batch.batchID
            report.batchID = batchID
            for plan in pending {
                let fileID = try batch.beginFile(
                    db: db, kind: plan.file.kind, name: plan.file.name, sha256: plan.file.sha256, header: plan.header.names)
                let indexes = try BulkLoadIndexes(table: plan.file.kind, db: db)
                let inserter = try RecordInserter(db: db, kind: plan.file.kind)
                let pipeline = ValidationPipeline(
                    rows: plan.rows, validator: RowValidator(kind: plan.file.kind, header: plan.header, today: today))
                defer { pipeline.cancel() }
                var imported = 0
                var rejectedHere = 0
                while let chunk = pipeline.next() {
                    for outcome in chunk {
                        switch outcome {
                        case .accepted(let line, let values):
                            try inserter.insert(batchID: batchID, fileID: fileID, line: line, values: values, db: db)
                            imported += 1
                        case .rejected(let line, let field, let reason, let raw):
                            if strict {
                                throw ImportError(
                                    file: plan.file.name, line: line, field: field,
                                    message: reason + " (strict import: nothing was written)")
                            }
                            rejectedHere += 1
                            report.rejected.append(RejectedRow(file: plan.file.name, line: line, field: field, reason: reason))
                            try batch.reject(fileID: fileID, line: line, field: field, reason: reason, raw: raw)
                        }
                    }
                }
                try indexes.restore(db: db)
                try batch.finishFile(
                    db: db, fileID: fileID, kind: plan.file.kind, name: plan.file.name, sha256: plan.file.sha256,
                    imported: imported, rejected: rejectedHere)
                report.files.append(.init(name: plan.file.name, kind: plan.file.kind, importedRows: imported, rejectedRows: rejectedHere, alreadyImportedInBatch: nil))
            }
            try batch.finish(db: db, trail: trail, actor: actor)
            return report
        }
    }

    /// Reads a folder of canonical CSVs and imports it (see `importFiles`).
    public func importFolder(
        _ folder: URL, now: Date, today: CivilDate, strict: Bool = false, trail: AuditTrail? = nil
    ) async throws -> ImportReport {
        let (files, ignored) = try CanonicalFile.readFolder(folder)
        return try await importFiles(
            files, ignored: ignored, source: folder.standardizedFileURL.path, now: now, today: today, strict: strict,
            trail: trail)
    }

}
