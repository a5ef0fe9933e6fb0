import Foundation
import FundWatchCore
import Simulation
import Storage
import Testing

@Suite struct SimulatedImportTests {
    @Test func aSimulatedPopulationImportsWholeAndStreamsBack() async throws {
        let simulator = try Simulator(configuration: SimulationConfiguration(persons: 600, seed: 3, regionCode: "371400"))
        var sink = MemorySink()
        let summary = try await simulator.run(into: &sink)
        let files = RecordKind.allCases.map { CanonicalFile(kind: $0, name: $0.fileName, bytes: sink.files[.record($0)] ?? []) }
        let db = try FundWatchDatabase.inMemory()
        let report = try await db.importFiles(
            files, source: "simulated", now: Date(timeIntervalSince1970: 0), today: CivilDate("2026-11-25")!)
        #expect(report.rejected.isEmpty, "\(report.rejected.prefix(3))")
        let stats = try await db.stats()
        for kind in RecordKind.allCases {
            #expect(stats.rowsByKind[kind.rawValue] == summary.rows[.record(kind)] ?? 0, "\(kind)")
        }
        let count = Counter()
        try await db.forEachTimeline { _ in count.increment() }
        #expect(count.value >= 600)
    }
}

/// Counts calls from a `@Sendable` callback.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func increment() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
