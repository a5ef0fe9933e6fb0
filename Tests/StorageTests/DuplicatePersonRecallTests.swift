import Foundation
import FundWatchCore
import Simulation
import Storage
import Testing

@Suite struct DuplicatePersonRecallTests {
    /// The simulator's labelled second registrations (another order code, a former county, the
    /// birth day keyed one off; the phone left out three times in ten): every birth-day pair is
    /// merged, also those without a phone in common, which neither the birth-date block nor the
    /// phone block brings together (the birth-month blocks do); nothing unplanted is merged.
    @Test func birthDayDuplicatesWithoutAPhoneAreMerged() async throws {
        var configuration = SimulationConfiguration(persons: 4000, seed: 9, regionCode: "371400")
        configuration.identityNoiseRate = 0
        configuration.duplicatePersonRate = 0.03
        var sink = MemorySink()
        _ = try await Simulator(configuration: configuration).run(into: &sink)

        var planted = Set<[String]>()
        var birthDay = Set<[String]>()
        var birthDayWithoutPhone = 0
        var labels = CSVReader(bytes: sink.files[.personLinks] ?? []).makeIterator()
        _ = labels.next()
        while let row = labels.next() {
            guard row.fields[0] == "person" else { continue }
            let second = row.fields[1].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let pair = [second[0], row.fields[2]].sorted()
            planted.insert(pair)
            if row.fields[3] == "duplicate_birth_day" {
                birthDay.insert(pair)
                // person.csv: id_number, name, sex, birth_date, region_code, address, phone
                if second.count > 6, second[6].isEmpty { birthDayWithoutPhone += 1 }
            }
        }
        #expect(planted.count >= 30)
        #expect(birthDayWithoutPhone >= 1, "no birth-day pair without a phone: the test would not reach the new block")

        let files = RecordKind.allCases.map { kind in
            CanonicalFile(kind: kind, name: kind.fileName, bytes: sink.files[.record(kind)] ?? [])
        }
        let db = try FundWatchDatabase.inMemory()
        _ = try await db.importFiles(
            files, source: "simulated", now: Date(timeIntervalSince1970: 0), today: PersonResolutionTests.today)
        _ = try await db.findDuplicatePersons(now: Date(timeIntervalSince1970: 0))
        let sure = Set(try await db.personMerges(status: "linked").map { [$0.personKey, $0.otherKey] })

        #expect(sure.subtracting(planted).isEmpty, "\(sure.subtracting(planted).count) unplanted pairs merged")
        #expect(birthDay.subtracting(sure).isEmpty, "\(birthDay.subtracting(sure).count) of \(birthDay.count) birth-day pairs missed")
        #expect(Double(sure.intersection(planted).count) >= 0.95 * Double(planted.count))
    }
}
