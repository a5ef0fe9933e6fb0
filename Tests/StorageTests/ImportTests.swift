import Foundation
import GRDB
import FundWatchCore
import Storage
import Testing

@Suite struct ImportTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let today = CivilDate("2026-11-25")!

    static let persons = """
        id_number,name,sex,birth_date,region_code
        11010519491231002X,张秀英,female,1949-12-31,110105
        371482650115001,王小明,male,1965-01-15,371482
        371482196501150013,坏校验,male,1965-01-15,371482
        """
    static let payments = """
        payment_id,id_number,benefit,period,amount,bank_account
        P1,11010519491231002X,pension,2026-01,312000,6222020000000001
        P2,11010519491231002X,pension,2026-02,abc,6222020000000001
        P3,371482196501150014,pension,2026-02,100000,
        P4,371482196501150014,pension,2026-02
        """
    static let deaths = """
        source,id_number,death_date
        civil_affairs,11010519491231002X,2025-12-20
        """

    func file(_ kind: RecordKind, _ text: String) -> CanonicalFile {
        CanonicalFile(kind: kind, name: kind.fileName, bytes: Array(text.utf8))
    }

    var goodFolder: [CanonicalFile] {
        [file(.person, Self.persons), file(.benefitPayment, Self.payments), file(.deathRecord, Self.deaths)]
    }

    @Test func importsGoodRowsAndKeepsRejectsWithFileLineAndReason() async throws {
        let db = try FundWatchDatabase.inMemory()
        let report = try await db.importFiles(goodFolder, source: "test", now: now, today: today)
        #expect(report.batchID == 1)
        #expect(report.importedRows == 5)
        #expect(report.rejected.map { "\($0.file):\($0.line):\($0.field ?? "-")" } == [
            "person.csv:4:id_number", "benefit_payment.csv:3:amount", "benefit_payment.csv:5:-",
        ])
        #expect(report.rejected.allSatisfy { !$0.reason.contains("371482196501150013") })
        let stats = try await db.stats()
        #expect(stats.rowsByKind["person"] == 2)
        #expect(stats.rowsByKind["benefit_payment"] == 2)
        #expect(stats.rejectedRows == 3)
        #expect(stats.paymentsTotal == Money(fen: 412_000))
        #expect(try await db.rejectedRows().count == 3)
    }

    @Test func theSameFilesAgainAddNothing() async throws {
        let db = try FundWatchDatabase.inMemory()
        _ = try await db.importFiles(goodFolder, source: "test", now: now, today: today)
        let again = try await db.importFiles(goodFolder, source: "test", now: now, today: today)
        #expect(again.nothingNew)
        #expect(again.files.allSatisfy { $0.alreadyImportedInBatch == 1 })
        let stats = try await db.stats()
        #expect(stats.batches == 1)
        #expect(stats.rowsByKind["person"] == 2)
        // A new file next to old ones is imported alone.
        let more = file(.custodyRecord, "id_number,start_date,kind\n371482196501150014,2024-01-01,imprisonment\n")
        let third = try await db.importFiles(goodFolder + [more], source: "test", now: now, today: today)
        #expect(third.batchID == 2)
        #expect(third.importedRows == 1)
    }

    @Test(arguments: [
        ("id_number,nme\n11010519491231002X,x\n", "nme"),
        ("name\n张三\n", "id_number"),
        ("id_number,name,name\n11010519491231002X,x,y\n", "name"),
    ])
    func aBadHeaderAnywhereImportsNothing(header: String, field: String) async throws {
        let db = try FundWatchDatabase.inMemory()
        let files = [file(.deathRecord, Self.deaths), file(.person, header)]
        await #expect(throws: ImportError.self) { try await db.importFiles(files, source: "t", now: now, today: today) }
        do {
            _ = try await db.importFiles(files, source: "t", now: now, today: today)
        } catch let error as ImportError {
            #expect(error.file == "person.csv")
            #expect(error.line == 1)
            #expect(error.field == field)
        }
        let stats = try await db.stats()
        #expect(stats.batches == 0)
        #expect(stats.rowsByKind.values.allSatisfy { $0 == 0 })
    }

    @Test func strictImportRollsBackOnTheFirstRejectedRow() async throws {
        let db = try FundWatchDatabase.inMemory()
        await #expect(throws: ImportError.self) {
            try await db.importFiles(goodFolder, source: "t", now: now, today: today, strict: true)
        }
        let stats = try await db.stats()
        #expect(stats.batches == 0 && stats.rejectedRows == 0 && stats.rowsByKind["person"] == 0)
    }

    @Test func importsAFolderFromDisk() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.persons.utf8).write(to: folder.appendingPathComponent("person.csv"))
        try Data("id_number,scheme\n".utf8).write(to: folder.appendingPathComponent("truth.csv"))
        let db = try FundWatchDatabase.inMemory()
        let report = try await db.importFolder(folder, now: now, today: today)
        #expect(report.ignored == ["truth.csv"])
        #expect(report.importedRows == 2)
        await #expect(throws: ImportError.self) {
            try await db.importFolder(folder.appendingPathComponent("missing"), now: now, today: today)
        }
    }

    @Test func timelinesComeBackWholeAndInOrder() async throws {
        let db = try FundWatchDatabase.inMemory()
        _ = try await db.importFiles(goodFolder, source: "test", now: now, today: today)
        let id = try IDNumber("11010519491231002X", today: today)
        let timeline = try #require(try await db.timeline(for: id))
        #expect(timeline.person?.name == "张秀英")
        #expect(timeline.payments.map(\.paymentID) == ["P1"])
        #expect(timeline.deathDate == CivilDate("2025-12-20"))
        #expect(try await db.timeline(for: IDNumber(region: "371482", birthDate: CivilDate("1990-01-01")!, sequence: 1)) == nil)

        let collected = Collected()
        try await db.forEachTimeline { collected.append($0) }
        let all = collected.values
        #expect(all.map(\.idNumber.value) == ["11010519491231002X", "371482196501150014"])
        #expect(all[0] == timeline)
        #expect(all[1].payments.map(\.paymentID) == ["P3"])
    }

    @Test func accessesAreRecorded() async throws {
        let db = try FundWatchDatabase.inMemory()
        let id = try IDNumber("11010519491231002X", today: today)
        try await db.recordAccess(DataAccess(at: now, actor: "auditor1", action: "person.view", subject: id, revealed: false))
        let log = try await db.accesses(to: id)
        #expect(log.map(\.actor) == ["auditor1"])
        #expect(log.first?.at == now)
    }
}

/// Collects values from a `@Sendable` callback in tests.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var items = [PersonTimeline]()
    func append(_ t: PersonTimeline) { lock.withLock { items.append(t) } }
    var values: [PersonTimeline] { lock.withLock { items } }
}

@Suite struct BulkLoadTests {
    @Test func indexesSurviveBulkLoadsAndFailedImports() async throws {
        let db = try FundWatchDatabase.inMemory()
        let today = CivilDate("2026-11-25")!
        let person = CanonicalFile(kind: .person, name: "person.csv", bytes: Array(ImportTests.persons.utf8))
        let bad = CanonicalFile(kind: .deathRecord, name: "death_record.csv", bytes: Array("id_number,oops\n".utf8))
        await #expect(throws: ImportError.self) {
            try await db.importFiles([person, bad], source: "t", now: .init(timeIntervalSince1970: 0), today: today)
        }
        _ = try await db.importFiles([person], source: "t", now: .init(timeIntervalSince1970: 0), today: today)
        let indexes = try await db.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person'")
        }
        #expect(indexes.sorted() == ["person_by_address", "person_by_person"])
        let plan = try await db.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM person WHERE id_number = '11010519491231002X'")
                .map { $0["detail"] as String }
        }
        #expect(plan.joined().contains("person_by_person"))
    }
}
