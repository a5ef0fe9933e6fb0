public import Foundation
public import FundWatchCore
public import Ingestion

/// One department export and the spec that maps it.
public struct FeedExport: Sendable {
    public var spec: MappingSpec
    /// The export file's path.
    public var path: String

    public init(spec: MappingSpec, path: String) {
        self.spec = spec
        self.path = path
    }
}

/// What `ingest` did: the import (nil for a dry run or a refused batch) and the quality report.
public struct IngestOutcome: Sendable {
    public var importReport: ImportReport?
    public var quality: BatchQualityReport

    public init(importReport: ImportReport?, quality: BatchQualityReport) {
        self.importReport = importReport
        self.quality = quality
    }
}

/// Maps department exports through their specs and imports them as one batch, with a quality
/// report per file. The write goes through `importRows`, the same batch bookkeeping, idempotence
/// and ledger entry as `fundwatch import`.
public enum FeedIngestion {
    /// Reads, maps and checks the exports without writing anything: the quality report alone.
    public static func dryRun(
        _ exports: [FeedExport], today: CivilDate, maxRejectRate: Double = 0.05, catalog: RegionCatalog? = nil
    ) throws -> BatchQualityReport {
        var reports = [FileQualityReport]()
        for export in exports {
            // CSV and JSON Lines: the file's digest is computed from the reads that parse it. An
            // XLSX workbook is read by its ZIP directory instead: hashed on another core meanwhile.
            let hashing = export.spec.format == .xlsx ? nil : try HashingFileSource(path: export.path)
            let digest = hashing == nil ? FileDigest.start(ofFileAt: export.path) : nil
            // Only the tally is wanted: the workers drop the rows once counted.
            var reader =
                if let hashing {
                    try ExportReader(spec: export.spec, source: hashing, file: export.path, today: today, catalog: catalog, keepingRows: false)
                } else {
                    try ExportReader(spec: export.spec, path: export.path, today: today, catalog: catalog, keepingRows: false)
                }
            var tally = QualityAccumulator(
                mapping: reader.mapping, feed: export.spec.source, specVersion: export.spec.version, sha256: "",
                encoding: reader.encoding, maxRejectRate: export.spec.maxRejectRate ?? maxRejectRate)
            while try reader.next(quality: &tally) != nil {}
            var report = tally.report
            // A reader that stopped before the end (it should not) leaves the digest to a second pass.
            report.sha256 = try digest?.value() ?? hashing?.sha256 ?? FileDigest.sha256(ofFileAt: export.path)
            reports.append(report)
        }
        let refused = reports.filter(\.refused).map { "\($0.file): \($0.rejected) of \($0.rowsRead) rows rejected" }
        return BatchQualityReport(
            batchID: nil, dryRun: true, refusedBecause: refused.isEmpty ? nil : refused.joined(separator: "; "), files: reports)
    }

    /// Imports the exports as one batch. Headers are checked for every file before anything is
    /// written; a file whose rejects exceed its limit refuses the whole batch (nothing written,
    /// `refusedBecause` says why, the report still tells what was found).
    public static func ingest(
        _ exports: [FeedExport], into database: FundWatchDatabase, now: Date, today: CivilDate, maxRejectRate: Double = 0.05,
        trail: AuditTrail? = nil, catalog: RegionCatalog? = nil
    ) throws -> IngestOutcome {
        var files = [IncomingFile]()
        var tallies = [ExportRowSource.Tally]()
        for export in exports {
            let sha = try FileDigest.sha256(ofFileAt: export.path)
            let reader = try ExportReader(spec: export.spec, path: export.path, today: today, catalog: catalog)
            let limit = export.spec.maxRejectRate ?? maxRejectRate
            let tally = ExportRowSource.Tally(QualityAccumulator(
                mapping: reader.mapping, feed: export.spec.source, specVersion: export.spec.version, sha256: sha,
                encoding: reader.encoding, maxRejectRate: limit))
            tallies.append(tally)
            files.append(IncomingFile(
                kind: export.spec.record, name: export.path, sha256: sha, feed: export.spec.source,
                specVersion: export.spec.version, encoding: reader.encoding?.rawValue, maxRejectRate: limit,
                rows: ExportRowSource(reader: reader, tally: tally)))
        }
        do {
            let report = try database.importRows(files, source: exports.map(\.spec.source).joined(separator: ","), now: now, trail: trail)
            // Files imported before were not read: their tallies are empty and left out.
            let read = Set(report.files.filter { $0.alreadyImportedInBatch == nil }.map(\.name))
            let quality = zip(exports, tallies).filter { read.contains($0.0.path) }.map { $0.1.accumulator.report }
            return IngestOutcome(
                importReport: report, quality: BatchQualityReport(batchID: report.batchID, dryRun: false, refusedBecause: nil, files: quality))
        } catch let error as ImportError {
            // Refused for too many rejects: report what was read, written nothing.
            let quality = tallies.map(\.accumulator.report).filter { $0.rowsRead > 0 || $0.file == error.file }
            return IngestOutcome(
                importReport: nil, quality: BatchQualityReport(batchID: nil, dryRun: false, refusedBecause: error.description, files: quality))
        } catch let error as ExportRowSource.Failure {
            throw error.underlying
        }
    }
}

/// Feeds an export's mapped rows to `importRows`, tallying their quality on the way.
struct ExportRowSource: CanonicalRowSource {
    /// The tally, shared with the caller who reads the report once the import is done.
    final class Tally {
        var accumulator: QualityAccumulator
        init(_ accumulator: QualityAccumulator) { self.accumulator = accumulator }
    }

    /// An export that could not be read on, carried through `importRows` unchanged.
    struct Failure: Error {
        let underlying: IngestError
    }

    var reader: ExportReader
    let tally: Tally

    mutating func next() throws -> CanonicalRowOutcome? {
        let outcome: RowOutcome?
        do {
            outcome = try reader.next(quality: &tally.accumulator)
        } catch {
            throw Failure(underlying: error)
        }
        guard let outcome else { return nil }
        switch outcome {
        case .accepted(let line, let values): return .accepted(line: line, values: values)
        case .rejected(let r):
            return .rejected(line: r.line, field: r.field, column: r.column, code: r.code, reason: r.reason, raw: r.raw)
        }
    }

    func qualityReportJSON(crossFeed: [FileQualityReport.ConsistencyCheck]) -> String? {
        tally.accumulator.crossFeed = crossFeed
        return tally.accumulator.report.json()
    }
}
