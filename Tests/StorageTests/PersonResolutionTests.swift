import Foundation
import FundWatchCore
import Simulation
import Storage
import Testing

@Suite struct PersonResolutionTests {
    static let today = CivilDate("2026-11-25")!

    /// Simulates with identity noise, imports, and returns the database and the truth
    /// (record kind + key → true ID number).
    static func simulatedStore(persons: Int, seed: UInt64) async throws -> (FundWatchDatabase, [String: String]) {
        var configuration = SimulationConfiguration(persons: persons, seed: seed, regionCode: "371400")
        configuration.identityNoiseRate = 0.05
        var sink = MemorySink()
        _ = try await Simulator(configuration: configuration).run(into: &sink)
        let files = RecordKind.allCases.map {
            CanonicalFile(kind: $0, name: $0.fileName, bytes: sink.files[.record($0)] ?? [])
        }
        let db = try FundWatchDatabase.inMemory()
        _ = try await db.importFiles(files, source: "simulated", now: Date(timeIntervalSince1970: 0), today: today)
        var truth = [String: String]()
        var reader = CSVReader(bytes: sink.files[.personLinks] ?? []).makeIterator()
        _ = reader.next()
        while let row = reader.next() { truth["\(row.fields[0])\t\(row.fields[1])"] = row.fields[2] }
        return (db, truth)
    }

    @Test func mistypedAndMissingIDsLinkToTheirPersonsAndJoinTheirTimelines() async throws {
        let (db, truth) = try await Self.simulatedStore(persons: 1500, seed: 11)
        #expect(truth.count >= 50, "too little identity noise to test: \(truth.count)")
        let report = try await db.resolve(now: Date(timeIntervalSince1970: 0))
        #expect(report.considered == truth.count)
        #expect(report.unreadable == 0)

        let states = try await db.identityRecordStates()
        let linked = states.filter { $0.personKey != nil }
        let correct = linked.filter { truth["\($0.kind.rawValue)\t\($0.key)"] == $0.personKey }
        #expect(Double(correct.count) / Double(max(linked.count, 1)) >= 0.99, "precision: \(correct.count)/\(linked.count)")
        let found = Set(correct.map { "\($0.kind.rawValue)\t\($0.key)" })
        #expect(Double(found.count) / Double(truth.count) >= 0.95, "recall: \(found.count)/\(truth.count)")

        // A settlement under a mistyped ID is on the true person's timeline, with that person's key.
        let settlement = try #require(correct.first { $0.kind == .medicalSettlement })
        let settlementID = String(settlement.key.split(separator: "|")[0])
        let person = try IDNumber(try #require(settlement.personKey), today: Self.today)
        let timeline = try #require(try await db.timeline(for: person))
        #expect(timeline.settlements.contains { $0.settlementID == settlementID && $0.idNumber == person })

        // The batch reader puts it on the same timeline.
        let found = Found()
        try await db.forEachTimeline { t in
            if t.idNumber == person, t.settlements.contains(where: { $0.settlementID == settlementID }) { found.set() }
        }
        #expect(found.value)

        // A second run links nothing new and changes nothing.
        let again = try await db.resolve(now: Date(timeIntervalSince1970: 60))
        #expect(again.considered == 0)
        #expect(again.alreadyLinked == report.linked)
        #expect(again.linked == 0)
    }

    @Test func unsurePairsGoToReviewAndDecisionsStick() async throws {
        // Two registered persons called 张伟 and a death record with no ID number: the name alone
        // cannot choose, so both pairs go to review.
        let a = IDNumber(region: "371402", birthDate: CivilDate(year: 1940, month: 3, day: 1)!, sequence: 11)
        let b = IDNumber(region: "371403", birthDate: CivilDate(year: 1942, month: 7, day: 9)!, sequence: 21)
        var person = "id_number,name,sex,birth_date,region_code,address,phone\n"
        person += "\(a.value),张伟,\(a.sex == .male ? "male" : "female"),\(a.birthDate),371402,,\n"
        person += "\(b.value),张伟,\(b.sex == .male ? "male" : "female"),\(b.birthDate),371403,,\n"
        let names = ["李娜", "王芳", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴霞", "徐涛"]
        for (i, name) in names.enumerated() {
            let id = IDNumber(region: "371402", birthDate: CivilDate(year: 1950 + i, month: 1, day: 1 + i)!, sequence: 31 + i)
            person += "\(id.value),\(name),\(id.sex == .male ? "male" : "female"),\(id.birthDate),371402,,\n"
        }
        let death = "id_number,death_date,source,name,recorded_date\n,2025-05-01,civil_affairs,张伟,2025-05-10\n"
        let db = try FundWatchDatabase.inMemory()
        let report = try await db.importFiles(
            [
                CanonicalFile(kind: .person, name: "person.csv", bytes: Array(person.utf8)),
                CanonicalFile(kind: .deathRecord, name: "death_record.csv", bytes: Array(death.utf8)),
            ], source: "test", now: Date(timeIntervalSince1970: 0), today: Self.today)
        #expect(report.rejected.count == 1)

        let settings = PersonResolver.Settings(accept: 0.95, reviewFloor: 1e-9)
        let run = try await db.resolve(now: Date(timeIntervalSince1970: 0), settings: settings)
        #expect(run.toReview == 1)
        #expect(run.linked == 0)
        let pairs = try await db.reviewPairs()
        #expect(Set(pairs.map(\.personKey)) == [a.value, b.value])
        #expect(pairs.allSatisfy { $0.terms.first?.name == "prior" && $0.record.value("name") == "张伟" })

        let pairA = try #require(pairs.first { $0.personKey == a.value })
        let pairB = try #require(pairs.first { $0.personKey == b.value })
        let different = try await db.decideReview(pair: pairA.id, same: false, reviewer: "审核员甲", now: Date(timeIntervalSince1970: 100))
        #expect(different.canonicalJSON.contains("\"decision\":\"different\""))
        #expect(different.canonicalJSON.contains("\"pair\":\(pairA.id)"))

        // Re-running never brings the pair marked different back.
        _ = try await db.resolve(now: Date(timeIntervalSince1970: 200), settings: settings)
        let open = try await db.reviewPairs()
        #expect(open.map(\.personKey) == [b.value])
        #expect(try await db.reviewPairs(status: "different").map(\.personKey) == [a.value])

        // Same links the record: the death joins B's timeline, not A's.
        _ = try await db.decideReview(pair: pairB.id, same: true, reviewer: "审核员甲", now: Date(timeIntervalSince1970: 300))
        #expect(try await db.timeline(for: b)?.deaths.count == 1)
        #expect(try await db.timeline(for: a)?.deaths.isEmpty == true)
        #expect(try await db.reviewPairs().isEmpty)

        // A decided pair cannot be decided again.
        await #expect(throws: ReviewError.self) {
            _ = try await db.decideReview(pair: pairB.id, same: false, reviewer: "审核员乙", now: Date(timeIntervalSince1970: 400))
        }
        let rerun = try await db.resolve(now: Date(timeIntervalSince1970: 500), settings: settings)
        #expect(rerun.alreadyLinked == 1 && rerun.considered == 0)
    }
}

/// A flag set from a `@Sendable` callback.
final class Found: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.withLock { flag = true } }
    var value: Bool { lock.withLock { flag } }
}
