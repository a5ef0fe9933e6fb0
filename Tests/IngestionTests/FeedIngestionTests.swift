import Foundation
import FundWatchCore
import GRDB
import Ingestion
import Ledger
import Storage
import Testing

/// Department exports through `FeedIngestion` into a database and a ledger in a scratch folder.
@Suite struct FeedIngestionTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let today = CivilDate(year: 2026, month: 11, day: 25)!

    static let spec = """
        source: civil_affairs_deaths
        department: civil_affairs
        record: death_record
        version: 2
        columns:
          id_number: 身份证号码
          name: 姓名
          death_date: { column: 死亡日期, formats: ["yyyy年M月d日", "yyyyMMdd", "excel_serial"] }
          source: { value: civil_affairs }
        """

    /// A scratch folder, its export file and a ledger.
    struct Scratch {
        let folder: URL
        func write(_ name: String, _ text: String, gb18030: Bool = false) throws -> String {
            let path = folder.appendingPathComponent(name).path
            let bytes: [UInt8] = gb18030 ? try FeedIngestionTests.gb18030(text) : Array(text.utf8)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    func scratch() throws -> Scratch {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return Scratch(folder: folder)
    }

    static func gb18030(_ text: String) throws -> [UInt8] {
        // The GB18030 bytes of the few characters used (from Python's gb18030 codec), so the test
        // does not rely on the code it checks to make its input.
        let table: [Character: [UInt8]] = [
            "身": [0xC9, 0xED], "份": [0xB7, 0xDD], "证": [0xD6, 0xA4], "号": [0xBA, 0xC5], "码": [0xC2, 0xEB],
            "姓": [0xD0, 0xD5], "名": [0xC3, 0xFB], "死": [0xCB, 0xC0], "亡": [0xCD, 0xF6], "日": [0xC8, 0xD5],
            "期": [0xC6, 0xDA], "年": [0xC4, 0xEA], "月": [0xD4, 0xC2], "張": [0x8F, 0x88], "三": [0xC8, 0xFD],
            "李": [0xC0, 0xEE], "四": [0xCB, 0xC4],
        ]
        var out = [UInt8]()
        for ch in text {
            if ch.isASCII {
                out.append(contentsOf: ch.utf8)
            } else if let bytes = table[ch] {
                out.append(contentsOf: bytes)
            } else {
                Issue.record("no GB18030 bytes for \(ch) in the test table")
            }
        }
        return out
    }

    static let deaths = "身份证号码,姓名,死亡日期\r\n371482195803071237,張三,2023年5月7日\r\n371482580307123,李四,45053\r\n371482196204152347,李四,20230507\r\n"

    @Test func importsAnExportRecordsTheLedgerAndSkipsTheSameBytes() throws {
        let s = try scratch()
        let path = try s.write("deaths.csv", Self.deaths, gb18030: true)
        let spec = try MappingSpec(yaml: Self.spec)
        let db = try FundWatchDatabase.inMemory()
        let trail = try AuditTrail.open(data: s.folder.path, clock: .fixed(now))
        let outcome = try FeedIngestion.ingest([FeedExport(spec: spec, path: path)], into: db, now: now, today: today, trail: trail)
        #expect(outcome.importReport?.batchID == 1)
        #expect(outcome.quality.files.first?.encoding == "gb18030")
        #expect(outcome.quality.files.first?.accepted == 3)
        let rows = try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id_number, name, death_date, source FROM death_record ORDER BY line")
                .map { [$0[0] as String, $0[1] as String, $0[2] as String, $0[3] as String] }
        }
        #expect(rows == [
            ["371482195803071237", "张三", "2023-05-07", "civil_affairs"],
            ["371482195803071237", "李四", "2023-05-07", "civil_affairs"],
            ["371482196204152347", "李四", "2023-05-07", "civil_affairs"],
        ])
        // The ledger entry vouches for the payload kept on the batch.
        #expect(trail.size == 1)
        let payload = try db.writer.read { try String.fetchOne($0, sql: "SELECT ledger_payload FROM import_batch WHERE id = 1") }
        let entry = try JSONSerialization.jsonObject(with: Data(try trail.entry(at: 0))) as? [String: Any]
        #expect(entry?["type"] as? String == "import_batch")
        #expect(entry?["subject"] as? String == "import_batch/1")
        #expect(entry?["payload_sha256"] as? String == AuditTrail.sha256Hex(Array((payload ?? "").utf8)))
        #expect(payload?.contains("\"spec_version\":2") == true)
        #expect(payload?.contains(try FileDigest.sha256(ofFileAt: path)) == true)
        // The quality report is kept with the file.
        let kept = try db.writer.read { try String.fetchOne($0, sql: "SELECT report FROM quality_report WHERE feed = 'civil_affairs_deaths'") }
        #expect(kept?.contains("\"rows_read\":3") == true)

        let again = try FeedIngestion.ingest([FeedExport(spec: spec, path: path)], into: db, now: now, today: today, trail: trail)
        #expect(again.importReport?.batchID == nil)
        #expect(again.importReport?.files.first?.alreadyImportedInBatch == 1)
        #expect(trail.size == 1)
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM death_record") } == 3)
    }

    @Test func refusesAFileWithTooManyRejectsAndWritesNothing() throws {
        let s = try scratch()
        let path = try s.write("deaths.csv", Self.deaths + "371482195803071237,王五,2023年13月1日\n")
        let good = try s.write("deaths_ok.csv", Self.deaths)
        let spec = try MappingSpec(yaml: Self.spec)
        let db = try FundWatchDatabase.inMemory()
        let trail = try AuditTrail.open(data: s.folder.path, clock: .fixed(now))
        let outcome = try FeedIngestion.ingest(
            [FeedExport(spec: spec, path: good), FeedExport(spec: spec, path: path)], into: db, now: now, today: today, trail: trail)
        #expect(outcome.importReport == nil)
        #expect(outcome.quality.refusedBecause?.contains("1 of 4 rows rejected (25.0 %)") == true)
        let bad = outcome.quality.files.first { $0.file == path }
        #expect(bad?.refused == true)
        #expect(bad?.rejectsByReason.first?.code == "invalid_date")
        #expect(bad?.rejectsByReason.first?.examples.first?.line == 5)
        for table in ["import_batch", "import_file", "death_record", "rejected_row", "quality_report"] {
            #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") } == 0, "\(table)")
        }
        #expect(trail.size == 0)
        // With a higher limit the same files go in, rejects kept with column and code.
        let allowed = try FeedIngestion.ingest(
            [FeedExport(spec: spec, path: good), FeedExport(spec: spec, path: path)], into: db, now: now, today: today,
            maxRejectRate: 0.5, trail: trail)
        #expect(allowed.importReport?.importedRows == 6)
        let reject = try db.writer.read { try Row.fetchOne($0, sql: "SELECT line, field, source_column, code, raw FROM rejected_row") }
        #expect(reject?["line"] as Int? == 5)
        #expect(reject?["source_column"] as String? == "死亡日期")
        #expect(reject?["code"] as String? == "invalid_date")
        #expect(reject?["raw"] as String? == "371482195803071237,王五,2023年13月1日")
    }

    @Test func dryRunReportsQualityAndWritesNothing() throws {
        let s = try scratch()
        let path = try s.write(
            "deaths.csv",
            "身份证号码,姓名,死亡日期\n371482195803071237,张三,20230507\n371482195803071237,张三,2023年5月7日\n371482195803071238,,20230507\n371482196204152347,,20230507\n")
        let report = try FeedIngestion.dryRun([FeedExport(spec: try MappingSpec(yaml: Self.spec), path: path)], today: today)
        #expect(report.dryRun)
        let file = try #require(report.files.first)
        #expect((file.rowsRead, file.accepted, file.rejected) == (4, 3, 1))
        // Line 3 is line 2 again once its date is cleaned.
        #expect(file.duplicates.count == 1)
        #expect(file.duplicates.examples.first?.line == 3)
        #expect(file.duplicates.examples.first?.sameAsLine == 2)
        let name = try #require(file.columns.first { $0.field == "name" })
        #expect(name.nonEmpty == 2 && name.completeness == 0.5)
        let id = try #require(file.columns.first { $0.field == "id_number" })
        #expect(id.invalid == 1 && id.validity == 0.75)
        #expect(id.distinct == 2)
        #expect(file.rejectsByReason.first?.examples.first?.value == "371482********1238")
        #expect(!file.json().contains("371482195803071238"))
        #expect(report.refusedBecause != nil)
        #expect(file.sha256 == (try FileDigest.sha256(ofFileAt: path)))
    }

    @Test func aDryRunHashesTheFileFromTheReadsThatParseIt() throws {
        // Several read chunks of 1 MiB, a GB18030 file among them: the digest covers every byte.
        let s = try scratch()
        let utf8 = try s.write("contributions.csv", String(decoding: DryRunTallyTests.csv(rows: 60_000), as: UTF8.self))
        let gb = try s.write("deaths-gb.csv", Self.deaths, gb18030: true)
        let contributions = FeedExport(spec: try MappingSpec(yaml: DryRunTallyTests.yaml), path: utf8)
        let deaths = FeedExport(spec: try MappingSpec(yaml: Self.spec), path: gb)
        let report = try FeedIngestion.dryRun([contributions, deaths], today: today, maxRejectRate: 1)
        #expect(report.files.count == 2)
        #expect(report.files[0].rowsRead == 60_000)
        #expect(report.files[0].sha256 == (try FileDigest.sha256(ofFileAt: utf8)))
        #expect(report.files[1].encoding == "gb18030")
        #expect(report.files[1].sha256 == (try FileDigest.sha256(ofFileAt: gb)))
    }

    @Test func canonicalImportRecordsTheLedgerToo() async throws {
        let s = try scratch()
        let db = try FundWatchDatabase.inMemory()
        let trail = try AuditTrail.open(data: s.folder.path, clock: .fixed(now))
        let file = CanonicalFile(kind: .deathRecord, name: "death_record.csv", bytes: Array("id_number,death_date,source\n371482195803071237,2023-05-07,health\n".utf8))
        let report = try await db.importFiles([file], source: "t", now: now, today: today, trail: trail)
        #expect(report.batchID == 1)
        #expect(trail.size == 1)
        let entry = try JSONSerialization.jsonObject(with: Data(try trail.entry(at: 0))) as? [String: Any]
        #expect(entry?["actor"] as? String == "fundwatch import")
        _ = try await db.importFiles([file], source: "t", now: now, today: today, trail: trail)
        #expect(trail.size == 1)
    }
}
