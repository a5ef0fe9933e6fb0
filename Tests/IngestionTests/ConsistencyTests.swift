import Foundation
import FundWatchCore
import Ingestion
import Storage
import Testing

/// Consistency in the quality report: a row against its own ID number, a death record against
/// the person records already stored; and the reports kept per feed for `ingest history`.
@Suite struct ConsistencyTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let today = CivilDate(year: 2026, month: 11, day: 25)!

    static let personSpec = """
        source: public_security_persons
        department: public_security
        record: person
        columns:
          id_number: 身份证号码
          name: 姓名
          sex: 性别
          birth_date: { column: 出生日期, formats: ["yyyy/M/d"] }
        """
    static let deathSpec = """
        source: civil_affairs_deaths
        department: civil_affairs
        record: death_record
        columns:
          id_number: 身份证号码
          name: 姓名
          death_date: { column: 死亡日期, formats: ["yyyy/M/d"] }
          source: { value: civil_affairs }
        """

    func write(_ text: String, _ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("consistency-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func rowsAgainstTheirIDAndDeathsAgainstStoredPersons() throws {
        // 371482195803071237: born 1958-03-07, male (3 odd). 37148219620115104X: 1962-01-15, female (4 even).
        let persons = try write(
            """
            身份证号码,姓名,性别,出生日期
            371482195803071237,张三,男,1958/3/7
            37148219620115104X,李四,男,1962/1/16
            """, "persons.csv")
        let deaths = try write(
            """
            身份证号码,姓名,死亡日期
            371482195803071237,张三,2024/5/1
            37148219620115104X,李思,2024/6/1
            110101194001010012,王五,2024/7/1
            """, "deaths.csv")
        let db = try FundWatchDatabase.inMemory()
        let outcome = try FeedIngestion.ingest(
            [FeedExport(spec: try MappingSpec(yaml: Self.personSpec), path: persons), FeedExport(spec: try MappingSpec(yaml: Self.deathSpec), path: deaths)],
            into: db, now: now, today: today)
        #expect(outcome.importReport?.importedRows == 5)
        let personChecks = Dictionary(uniqueKeysWithValues: (outcome.quality.files[0].consistency ?? []).map { ($0.check, $0) })
        #expect(personChecks["birth_date_vs_id"]?.checked == 2)
        #expect(personChecks["birth_date_vs_id"]?.mismatched == 1)
        #expect(personChecks["birth_date_vs_id"]?.exampleLines == [3])
        #expect(personChecks["sex_vs_id"]?.mismatched == 1)
        // Two deaths have a person record (the third ID is unknown), one under another name.
        let nameCheck = outcome.quality.files[1].consistency?.first { $0.check == "name_vs_person" }
        #expect(nameCheck?.checked == 2)
        #expect(nameCheck?.mismatched == 1)
        #expect(nameCheck?.exampleLines == [3])

        // The stored reports carry the same checks, feed by feed.
        let history = try db.qualityHistory()
        #expect(history.map(\.report.feed) == ["civil_affairs_deaths", "public_security_persons"])
        #expect(history[0].report.consistency?.first { $0.check == "name_vs_person" }?.mismatched == 1)
        #expect(try db.qualityHistory(feed: "public_security_persons").count == 1)
        #expect(try db.qualityHistory(feed: "no_such_feed").isEmpty)
    }

    @Test func aFeedsHistoryGrowsBatchByBatchOldestFirst() throws {
        let db = try FundWatchDatabase.inMemory()
        let spec = try MappingSpec(yaml: Self.deathSpec)
        let first = try write("身份证号码,姓名,死亡日期\n371482195803071237,张三,2024/5/1\n", "deaths_1.csv")
        let second = try write("身份证号码,姓名,死亡日期\n37148219620115104X,李四,2024/6/1\n371482195803071237,,2024/13/1\n", "deaths_2.csv")
        _ = try FeedIngestion.ingest([FeedExport(spec: spec, path: first)], into: db, now: now, today: today)
        _ = try FeedIngestion.ingest(
            [FeedExport(spec: spec, path: second)], into: db, now: now.addingTimeInterval(86_400), today: today, maxRejectRate: 0.6)
        let history = try db.qualityHistory(feed: "civil_affairs_deaths")
        #expect(history.map(\.report.rowsRead) == [1, 2])
        #expect(history.map(\.report.rejected) == [0, 1])
        #expect(history[0].batchID < history[1].batchID)
    }
}
