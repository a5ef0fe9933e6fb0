import Foundation
import FundWatchCore
import Simulation
import Storage
import Testing

@Suite struct ResolveColumnOrderTests {
    /// The file with its columns in reverse order: the same records, another layout.
    static func reversed(_ bytes: [UInt8]) -> [UInt8] {
        var reader = CSVReader(bytes: bytes).makeIterator()
        var writer = CSVWriter()
        while let row = reader.next() { writer.write(row: row.fields.reversed()) }
        return writer.bytes
    }

    /// Rows set aside for their ID number are read back and linked whatever the column order of
    /// the file they came in, and keep the simulator's keys (fields in canonical order).
    @Test func rowsSetAsideFromReorderedFilesAreReadBack() async throws {
        var configuration = SimulationConfiguration(persons: 1200, seed: 5, regionCode: "371400")
        configuration.identityNoiseRate = 0.05
        var sink = MemorySink()
        _ = try await Simulator(configuration: configuration).run(into: &sink)
        let reorder: Set<RecordKind> = [.deathRecord, .medicalSettlement, .custodyRecord]
        let files = RecordKind.allCases.map { kind in
            let bytes = sink.files[.record(kind)] ?? []
            return CanonicalFile(kind: kind, name: kind.fileName, bytes: reorder.contains(kind) ? Self.reversed(bytes) : bytes)
        }
        let db = try FundWatchDatabase.inMemory()
        _ = try await db.importFiles(
            files, source: "simulated", now: Date(timeIntervalSince1970: 0), today: PersonResolutionTests.today)
        var truth = [String: String]()
        var reader = CSVReader(bytes: sink.files[.personLinks] ?? []).makeIterator()
        _ = reader.next()
        while let row = reader.next() { truth["\(row.fields[0])\t\(row.fields[1])"] = row.fields[2] }
        #expect(truth.count >= 30, "too little identity noise to test: \(truth.count)")

        let report = try await db.resolve(now: Date(timeIntervalSince1970: 0))
        #expect(report.unreadable == 0)
        let states = try await db.identityRecordStates()
        #expect(report.considered == states.count)
        #expect(Set(states.map { "\($0.kind.rawValue)\t\($0.key)" }) == Set(truth.keys))
        let correct = states.filter { $0.personKey != nil && truth["\($0.kind.rawValue)\t\($0.key)"] == $0.personKey }
        #expect(Double(correct.count) / Double(truth.count) >= 0.95, "recall: \(correct.count)/\(truth.count)")
        #expect(correct.contains { $0.kind == .deathRecord })
    }
}
