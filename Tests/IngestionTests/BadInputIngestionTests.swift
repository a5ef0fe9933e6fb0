import Foundation
import FundWatchCore
import GRDB
import Ingestion
import Ledger
import Simulation
import Storage
import Testing

/// The bad inputs of issue 6 taken end to end through `FeedIngestion`: each is a clear error or
/// rejected rows, never a crash, never a half-written batch.
@Suite struct BadInputIngestionTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let today = CivilDate(year: 2026, month: 11, day: 25)!

    static let csvSpec = """
        source: civil_affairs_deaths
        department: civil_affairs
        record: death_record
        columns:
          id_number: 身份证号码
          name: 姓名
          death_date: { column: 死亡日期, formats: ["yyyyMMdd"] }
          source: { value: civil_affairs }
        """

    static let xlsxSpec = """
        source: public_security_deaths
        department: public_security
        record: death_record
        format: xlsx
        columns:
          id_number: 身份证号码
          name: 姓名
          death_date: { column: 死亡日期, formats: ["yyyyMMdd"] }
          source: { value: public_security }
        """

    static let header = "身份证号码,姓名,死亡日期\n"
    static let rows = "371482195803071237,张三,20230507\n371482196204152347,李四,20230508\n"

    func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func dryRun(_ bytes: [UInt8], encoding: String = "auto") throws -> FileQualityReport {
        let path = try write(bytes, "deaths.csv", in: try folder())
        let spec = try MappingSpec(yaml: "encoding: \(encoding)\n" + Self.csvSpec)
        let report = try FeedIngestion.dryRun([FeedExport(spec: spec, path: path)], today: today)
        return try #require(report.files.first)
    }

    func dryRunError(_ bytes: [UInt8]) throws -> IngestError? {
        let path = try write(bytes, "deaths.csv", in: try folder())
        let spec = try MappingSpec(yaml: Self.csvSpec)
        return #expect(throws: IngestError.self) { try FeedIngestion.dryRun([FeedExport(spec: spec, path: path)], today: today) }
    }

    @Test func emptyHeaderOnlyAndBinaryFiles() throws {
        #expect(try dryRunError([])?.message.contains("the file is empty") == true)
        let headerOnly = try dryRun(Array(Self.header.utf8))
        #expect((headerOnly.rowsRead, headerOnly.accepted, headerOnly.rejected, headerOnly.refused) == (0, 0, 0, false))
        // A zip (or any binary) handed over as CSV.
        let binary = try dryRunError([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00] + Array(repeating: 0, count: 64))
        #expect(binary?.message.contains("binary") == true)
        // Duplicate mapped headers: the column is named with its places.
        let twice = try dryRunError(Array("身份证号码,姓名,死亡日期,姓名\n".utf8))
        #expect(twice?.message.contains("appears 2 times") == true)
    }

    @Test func aTruncatedFileAndAnUnbalancedQuoteRejectOnlyTheirRows() throws {
        // Cut in the middle of its last row: that row has too few fields.
        let cut = try dryRun(Array((Self.header + Self.rows + "371482195803071237,王").utf8))
        #expect((cut.rowsRead, cut.accepted, cut.rejected) == (3, 2, 1))
        #expect(cut.rejectsByReason.first?.code == "field_count")
        #expect(cut.rejectsByReason.first?.examples.first?.line == 4)
        // A quote opened and never closed runs to the end of the file: one malformed row.
        let open = try dryRun(Array((Self.header + "371482195803071237,\"张三,20230507\n" + Self.rows).utf8))
        #expect((open.rowsRead, open.accepted, open.rejected) == (1, 0, 1))
        #expect(open.rejectsByReason.first?.code == "malformed_row")
        #expect(open.rejectsByReason.first?.reason.contains("never closed") == true)
        // GB18030 bytes (张三) in a file declared UTF-8: rejected rows that say to check the encoding.
        let gb = try dryRun(Array(Self.header.utf8) + [0x33, 0x37, 0x2C, 0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0x31, 0x0A], encoding: "utf-8")
        #expect(gb.rejected == 1)
        #expect(gb.rejectsByReason.first?.reason.contains("encoding") == true)
    }

    @Test func aDamagedWorkbookInTheBatchWritesNothing() throws {
        let folder = try folder()
        let good = try write(Array((Self.header + Self.rows).utf8), "civil_affairs_deaths.csv", in: folder)
        var writer = XLSXWriter(sheetName: "死亡")
        writer.append([.text("身份证号码"), .text("姓名"), .text("死亡日期")])
        for i in 0..<2_000 { writer.append([.text("371482195803071237"), .text("张\(i)"), .text("20230507")]) }
        let whole = folder.appendingPathComponent("whole.xlsx")
        try writer.write(to: whole)
        let bytes = try Data(contentsOf: whole)
        let damaged = try write(Array(bytes.prefix(bytes.count * 2 / 3)), "public_security_deaths.xlsx", in: folder)
        let db = try FundWatchDatabase.inMemory()
        let trail = try AuditTrail.open(data: folder.path, clock: .fixed(now))
        let exports = [
            FeedExport(spec: try MappingSpec(yaml: Self.csvSpec), path: good),
            FeedExport(spec: try MappingSpec(yaml: Self.xlsxSpec), path: damaged),
        ]
        let error = #expect(throws: IngestError.self) {
            try FeedIngestion.ingest(exports, into: db, now: now, today: today, trail: trail)
        }
        #expect(error?.file == damaged)
        for table in ["import_batch", "import_file", "death_record", "rejected_row", "quality_report"] {
            #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") } == 0, "\(table)")
        }
        #expect(trail.size == 0)
        // The good file alone goes in.
        let alone = try FeedIngestion.ingest([exports[0]], into: db, now: now, today: today, trail: trail)
        #expect(alone.importReport?.importedRows == 2)
    }
}
