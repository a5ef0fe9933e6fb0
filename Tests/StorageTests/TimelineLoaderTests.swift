import Foundation
import FundWatchCore
import Storage
import Testing

/// The batch loaders (streaming, and in key ranges on several readers) give exactly the
/// timelines that the one-person reader gives, linked records included, in key order.
@Suite struct TimelineLoaderTests {
    @Test func rangesStreamAndOnePersonReadsAgree() async throws {
        // Identity noise, so some records reach their person only through `resolve`'s links.
        let (db, _) = try await PersonResolutionTests.simulatedStore(persons: 900, seed: 5)
        _ = try await db.resolve(now: Date(timeIntervalSince1970: 0))

        let all = try await db.allTimelines()
        let streamed = LoadedTimelines()
        try await db.forEachTimeline { streamed.append($0) }
        #expect(all.count >= 900)
        #expect(all == streamed.timelines)
        // Strictly increasing keys: no person split across ranges, none twice.
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.idNumber.value < $1.idNumber.value })
        for t in all {
            let one = try await db.timeline(for: t.idNumber)
            #expect(one == t, "\(t.idNumber.masked)")
        }
    }

    @Test func theTransformIsAppliedToEachTimeline() async throws {
        let (db, _) = try await PersonResolutionTests.simulatedStore(persons: 600, seed: 8)
        let cut = CivilDate("2020-01-01")!
        let full = try await db.allTimelines()
        let cutOff = try await db.allTimelines { t in
            var t = t
            t.payments.removeAll { $0.period.firstDay >= cut }
            return t
        }
        #expect(full.count == cutOff.count)
        #expect(cutOff.allSatisfy { $0.payments.allSatisfy { $0.period.firstDay < cut } })
        #expect(full.contains { $0.payments.contains { $0.period.firstDay >= cut } })
    }
}

/// Timelines gathered from a `@Sendable` callback.
private final class LoadedTimelines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [PersonTimeline] = []
    func append(_ t: PersonTimeline) { lock.withLock { storage.append(t) } }
    var timelines: [PersonTimeline] { lock.withLock { storage } }
}
