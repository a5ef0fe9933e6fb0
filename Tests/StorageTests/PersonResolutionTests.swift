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
        #expect(report.unreadable == 0)

        // Every labelled record, and nothing else, was set aside and considered. Keys, not rows:
        // the simulator's duplicate-row noise can copy a record after its ID was mistyped.
        let states = try await db.identityRecordStates()
        #expect(report.considered == states.count)
        #expect(Set(states.map { "\($0.kind.rawValue)\t\($0.key)" }) == Set(truth.keys))
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
        let seen = Found()
        try await db.forEachTimeline { t in
            if t.idNumber == person, t.settlements.contains(where: { $0.settlementID == settlementID }) { seen.set() }
        }
        #expect(seen.value)

        // A second run leaves links and open reviews alone and links nothing new.
        let again = try await db.resolve(now: Date(timeIntervalSince1970: 60))
        #expect(again.considered == report.unresolved)
        #expect(again.alreadyLinked == report.linked)
        #expect(again.awaitingReview == report.toReview)
        #expect(again.linked == 0)
    }

    @Test func unsurePairsGoToReviewAndDecisionsStick() async throws {
        let (db, truth) = try await Self.simulatedStore(persons: 800, seed: 4)
        // Accept nothing short of certainty: every record with a candidate goes to review.
        let settings = PersonResolver.Settings(accept: 1 - 1e-12, reviewFloor: 0.5)
        let run = try await db.resolve(now: Date(timeIntervalSince1970: 0), settings: settings)
        #expect(run.linked == 0)
        #expect(run.toReview >= 10, "only \(run.toReview) records went to review")
        let pairs = try await db.reviewPairs(limit: 1000)
        #expect(pairs.allSatisfy { $0.terms.first?.name == "prior" && $0.terms.count >= 7 })

        func label(_ pair: ReviewPair) -> String {
            var fields = pair.record.values
            fields[pair.record.kind == .medicalSettlement ? 1 : 0] = pair.record.rawID
            return "\(pair.record.kind.rawValue)\t\(fields.joined(separator: "|"))"
        }
        let right = try #require(pairs.first { truth[label($0)] == $0.personKey && $0.record.kind == .medicalSettlement })
        let other = try #require(pairs.first { $0.record.rowid != right.record.rowid })

        // Different: the pair never comes back, even when the model runs again.
        let different = try await db.decideReview(pair: other.id, same: false, reviewer: "审核员甲", now: Date(timeIntervalSince1970: 100))
        #expect(different.canonicalJSON.contains("\"decision\":\"different\""))
        #expect(different.canonicalJSON.contains("\"pair\":\(other.id)"))
        _ = try await db.resolve(now: Date(timeIntervalSince1970: 200), settings: settings)
        let reopened = try await db.reviewPairs(limit: 1000)
        #expect(!reopened.contains { $0.record.rowid == other.record.rowid && $0.personKey == other.personKey })
        #expect(try await db.reviewPairs(status: "different").map(\.id) == [other.id])

        // Same: the record is linked and joins the person's timeline.
        let person = try IDNumber(right.personKey, today: Self.today)
        let before = try await db.timeline(for: person)?.settlements.count ?? 0
        _ = try await db.decideReview(pair: right.id, same: true, reviewer: "审核员甲", now: Date(timeIntervalSince1970: 300))
        #expect(try await db.timeline(for: person)?.settlements.count == before + 1)
        #expect(try await db.reviewPairs(limit: 1000).allSatisfy { $0.record.rowid != right.record.rowid })

        // A decided pair cannot be decided again.
        await #expect(throws: ReviewError.self) {
            _ = try await db.decideReview(pair: right.id, same: false, reviewer: "审核员乙", now: Date(timeIntervalSince1970: 400))
        }
        let rerun = try await db.resolve(now: Date(timeIntervalSince1970: 500), settings: settings)
        #expect(rerun.alreadyLinked == 1)
    }
}

/// A flag set from a `@Sendable` callback.
final class Found: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.withLock { flag = true } }
    var value: Bool { lock.withLock { flag } }
}
