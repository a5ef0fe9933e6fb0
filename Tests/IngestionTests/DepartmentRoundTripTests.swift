import Foundation
import FundWatchCore
import GRDB
import Ingestion
import Simulation
import Storage
import Testing

/// simulate --format departments → ingest gives the records the canonical simulation gives.
@Suite struct DepartmentRoundTripTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let today = CivilDate(year: 2026, month: 11, day: 25)!

    @Test func departmentExportsIngestToTheCanonicalRecords() async throws {
        let configuration = SimulationConfiguration(persons: 400, seed: 5, regionCode: "371400")
        var canonicalSink = MemorySink()
        _ = try await Simulator(configuration: configuration).run(into: &canonicalSink)
        let canonical = try FundWatchDatabase.inMemory()
        let files = RecordKind.allCases.map { CanonicalFile(kind: $0, name: $0.fileName, bytes: canonicalSink.files[.record($0)] ?? []) }
        let imported = try await canonical.importFiles(files, source: "canonical", now: now, today: today)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("departments-\(UUID().uuidString)")
        var departmentSink = DepartmentSink(directory: folder)
        _ = try await Simulator(configuration: configuration).run(into: &departmentSink)
        let formats = Set(DepartmentFeed.standard.map(\.format))
        #expect(formats == [.csv, .xlsx, .jsonl])
        #expect(DepartmentFeed.standard.contains { $0.format == .csv && $0.encoding == .gb18030 })

        var exports = [FeedExport]()
        for feed in DepartmentFeed.standard {
            let spec = try MappingSpec(contentsOf: folder.appendingPathComponent("specs/\(feed.source).yaml"))
            exports.append(FeedExport(spec: spec, path: folder.appendingPathComponent(feed.fileName).path))
        }
        let ingested = try FundWatchDatabase.inMemory()
        let outcome = try FeedIngestion.ingest(exports, into: ingested, now: now, today: today)
        #expect(outcome.quality.refusedBecause == nil)
        #expect(outcome.importReport?.importedRows == imported.importedRows)
        #expect(outcome.importReport?.rejected.count == imported.rejected.count)
        // The dirt was there and was cleaned.
        let cleaned = outcome.quality.files.reduce(into: [String: Int]()) { total, file in
            for (step, n) in file.cleaning { total[step, default: 0] += n }
        }
        for step in ["trim", "full_width", "traditional_to_simplified", "id_15_to_18", "id_uppercase_x", "date_reformatted",
                     "money_to_fen", "region_name_to_code", "code_mapped", "name_normalised"] {
            #expect(cleaned[step, default: 0] > 0, "\(step)")
        }

        for kind in RecordKind.allCases {
            let fields = kind.recordType.fields.map(\.name)
            let columns = fields.joined(separator: ", ")
            func rows(_ db: FundWatchDatabase) throws -> [[String]] {
                try db.writer.read { db in
                    try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(kind.rawValue)").map { row in
                        fields.indices.map { i in (row[i] as DatabaseValue).description }
                    }
                }
            }
            var expected = try rows(canonical)
            // The simulator writes some names in Traditional characters as departments do; ingestion
            // folds names to Simplified, the canonical import keeps them as given.
            if let name = fields.firstIndex(of: "name") {
                expected = expected.map { row in
                    var row = row
                    row[name] = ChineseFolding.simplified(row[name])
                    return row
                }
            }
            let got = try rows(ingested)
            #expect(got.sorted { $0.lexicographicallyPrecedes($1) } == expected.sorted { $0.lexicographicallyPrecedes($1) }, "\(kind)")
            #expect(!got.isEmpty || kind == .injuryClaim || kind == .custodyRecord, "\(kind) has rows")
        }
        try? FileManager.default.removeItem(at: folder)
    }
}
