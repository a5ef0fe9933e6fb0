import Foundation
import FundWatchCore
import Simulation
import Storage
import Testing

/// Second registrations planted by the simulator (一人多号) are found by the duplicate-person
/// search, and once a pair is accepted every timeline reader shows one person with the records
/// of both ID numbers; a reviewer's "different" splits them again.
@Suite struct PersonMergeTimelineTests {
    /// A simulated store with second registrations, and the planted pairs (smaller key first).
    static func store(persons: Int, seed: UInt64) async throws -> (FundWatchDatabase, Set<[String]>) {
        var configuration = SimulationConfiguration(persons: persons, seed: seed, regionCode: "371400")
        configuration.duplicatePersonRate = 0.03
        var sink = MemorySink()
        _ = try await Simulator(configuration: configuration).run(into: &sink)
        let files = RecordKind.allCases.map {
            CanonicalFile(kind: $0, name: $0.fileName, bytes: sink.files[.record($0)] ?? [])
        }
        let db = try FundWatchDatabase.inMemory()
        _ = try await db.importFiles(
            files, source: "simulated", now: Date(timeIntervalSince1970: 0), today: PersonResolutionTests.today)
        var planted = Set<[String]>()
        var reader = CSVReader(bytes: sink.files[.personLinks] ?? []).makeIterator()
        _ = reader.next()
        while let row = reader.next() {
            guard row.fields[0] == "person" else { continue }
            let second = String(row.fields[1].split(separator: "|", omittingEmptySubsequences: false)[0])
            planted.insert([second, row.fields[2]].sorted())
        }
        return (db, planted)
    }

    @Test func plantedSecondRegistrationsAreFound() async throws {
        let (db, planted) = try await Self.store(persons: 4000, seed: 21)
        #expect(planted.count >= 40, "too few planted: \(planted.count)")
        _ = try await db.findDuplicatePersons(now: Date(timeIntervalSince1970: 0))
        let merges = try await db.personMerges()
        let sure = Set(merges.filter { $0.status == "linked" }.map { [$0.personKey, $0.otherKey] })
        let correct = sure.intersection(planted).count
        let precision = Double(correct) / Double(max(sure.count, 1))
        let recall = Double(correct) / Double(planted.count)
        print("planted second registrations: precision \(precision), recall \(recall)")
        #expect(precision >= 0.97, "precision \(correct)/\(sure.count)")
        #expect(recall >= 0.7, "recall \(correct)/\(planted.count)")
    }

    @Test func acceptedMergesPutBothKeysRecordsOnOnePerson() async throws {
        let (db, planted) = try await Self.store(persons: 1500, seed: 4)
        _ = try await db.findDuplicatePersons(now: Date(timeIntervalSince1970: 0))
        let merges = try await db.personMerges()
        let merge = try #require(merges.first { $0.status == "linked" && planted.contains([$0.personKey, $0.otherKey]) })
        let survivor = try IDNumber(merge.personKey, today: PersonResolutionTests.today)
        let absorbed = try IDNumber(merge.otherKey, today: PersonResolutionTests.today)

        // The one-person reader: the survivor holds both keys' enrollments, under its own key;
        // the absorbed key answers with the survivor.
        let timeline = try #require(try await db.timeline(for: survivor))
        #expect(timeline.idNumber == survivor)
        #expect(timeline.enrollments.allSatisfy { $0.idNumber == survivor })
        let viaAbsorbed = try #require(try await db.timeline(for: absorbed))
        #expect(viaAbsorbed == timeline)

        // Both batch readers: the absorbed key is gone, the survivor's timeline is the same.
        let all = try await db.allTimelines()
        #expect(!all.contains { $0.idNumber == absorbed })
        #expect(all.first { $0.idNumber == survivor } == timeline)
        let streamed = MergedTimelines()
        try await db.forEachTimeline { streamed.append($0) }
        #expect(streamed.timelines == all)

        // A reviewer undoes the merge: two persons again, the survivor without the other's records.
        _ = try await db.decidePersonMerge(pair: merge.id, same: false, reviewer: "审核员", now: Date(timeIntervalSince1970: 60))
        let split = try #require(try await db.timeline(for: survivor))
        let other = try #require(try await db.timeline(for: absorbed))
        #expect(other.idNumber == absorbed && !other.enrollments.isEmpty)
        #expect(split.enrollments.count + other.enrollments.count == timeline.enrollments.count)
        let again = try await db.allTimelines()
        #expect(again.contains { $0.idNumber == absorbed })
        #expect(again.count == all.count + 1)

        // Decided is decided: a second decision is refused, and the pair is not proposed again.
        await #expect(throws: ReviewError.self) {
            _ = try await db.decidePersonMerge(pair: merge.id, same: true, reviewer: "审核员", now: Date(timeIntervalSince1970: 90))
        }
        let rerun = try await db.findDuplicatePersons(now: Date(timeIntervalSince1970: 120))
        #expect(rerun.merged == 0)
        #expect(try await db.personMerges(status: "different").map(\.id) == [merge.id])
    }

    @Test func aReviewerMergesAGreyBandPair() async throws {
        let (db, _) = try await Self.store(persons: 1500, seed: 4)
        // Everything above the floor goes to review: no merge without a reviewer.
        _ = try await db.findDuplicatePersons(
            now: Date(timeIntervalSince1970: 0), settings: .init(accept: 1.0, reviewFloor: 0.5))
        let open = try await db.personMerges(status: "open")
        let pair = try #require(open.first)
        let survivor = try IDNumber(pair.personKey, today: PersonResolutionTests.today)
        let absorbed = try IDNumber(pair.otherKey, today: PersonResolutionTests.today)
        let before = try #require(try await db.timeline(for: survivor))
        let theirs = try #require(try await db.timeline(for: absorbed))
        #expect(before.idNumber == survivor && theirs.idNumber == absorbed)

        let decision = try await db.decidePersonMerge(
            pair: pair.id, same: true, reviewer: "审核员", now: Date(timeIntervalSince1970: 60))
        #expect(decision.canonicalJSON.contains("\"decision\":\"same\""))
        let after = try #require(try await db.timeline(for: survivor))
        #expect(after.enrollments.count == before.enrollments.count + theirs.enrollments.count)
        #expect(after.person == before.person)
        #expect(try await db.timeline(for: absorbed) == after)
    }
}

private final class MergedTimelines: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var timelines = [PersonTimeline]()
    func append(_ t: PersonTimeline) { lock.withLock { timelines.append(t) } }
}
