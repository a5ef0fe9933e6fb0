import Foundation
import FundWatchCore
import Simulation
import Storage
import Testing

@Suite struct DuplicatePersonTests {
    /// A simulated registry with a few humans registered a second time under another valid ID
    /// number (another county's region code, the same birth date): the pairs are found and stored
    /// as the same human, and no other pair is (families share addresses, phones and birth dates;
    /// strangers share common names).
    @Test func secondRegistrationsAreFoundAndNothingElse() async throws {
        var configuration = SimulationConfiguration(persons: 3000, seed: 9, regionCode: "371400")
        configuration.identityNoiseRate = 0
        var sink = MemorySink()
        _ = try await Simulator(configuration: configuration).run(into: &sink)
        var reader = CSVReader(bytes: sink.files[.record(.person)] ?? []).makeIterator()
        let header = try #require(reader.next()?.fields)
        let id = try #require(header.firstIndex(of: "id_number"))
        let phone = try #require(header.firstIndex(of: "phone"))
        let region = try #require(header.firstIndex(of: "region_code"))
        var rows = [[String]]()
        while let row = reader.next() { rows.append(row.fields) }
        let keys = Set(rows.map { $0[id] })
        let regions = Array(Set(rows.map { $0[region] })).sorted()
        #expect(regions.count >= 2)

        var planted = Set<[String]>()
        var extra = [[String]]()
        for row in rows where !row[phone].isEmpty && planted.count < 6 {
            let original = try IDNumber(row[id], today: PersonResolutionTests.today)
            let otherRegion = regions.first { $0 != row[region] }!
            let sequence = Int(row[id].dropFirst(14).prefix(3))!
            let second = IDNumber(region: otherRegion, birthDate: original.birthDate, sequence: (sequence + 500) % 1000)
            guard !keys.contains(second.value) else { continue }
            var copy = row
            copy[id] = second.value
            copy[region] = otherRegion
            extra.append(copy)
            planted.insert([row[id], second.value].sorted())
            // Spread the planted humans over the file.
            if planted.count * 400 > rows.count { break }
        }
        #expect(planted.count >= 3)
        var writer = CSVWriter()
        writer.write(row: header)
        for row in rows + extra { writer.write(row: row) }
        let files = RecordKind.allCases.map { kind in
            CanonicalFile(
                kind: kind, name: kind.fileName, bytes: kind == .person ? writer.bytes : sink.files[.record(kind)] ?? [])
        }
        let db = try FundWatchDatabase.inMemory()
        _ = try await db.importFiles(
            files, source: "simulated", now: Date(timeIntervalSince1970: 0), today: PersonResolutionTests.today)

        let report = try await db.findDuplicatePersons(now: Date(timeIntervalSince1970: 0))
        let merges = try await db.personMerges()
        let sure = Set(merges.filter { $0.status == "linked" }.map { [$0.personKey, $0.otherKey] })
        #expect(sure == planted, "sure \(sure.count), planted \(planted.count), review \(report.toReview)")
        #expect(report.merged == sure.count)
        // Each pair comes with its waterfall, the name's agreement in it.
        let first = try #require(merges.first)
        #expect(first.terms.contains { $0.name == "name" && $0.level == "exact" })

        // Found again, nothing new is stored.
        let again = try await db.findDuplicatePersons(now: Date(timeIntervalSince1970: 60))
        #expect(again.merged == 0 && again.toReview == 0 && again.known == merges.count)
    }
}
