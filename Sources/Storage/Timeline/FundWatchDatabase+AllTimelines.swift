public import FundWatchCore
import Foundation

extension FundWatchDatabase {
    /// Every person's timeline in ID-number order, held in memory: the batch audit's input, where
    /// rules look across persons (shared accounts, households, baselines). `transform` is applied
    /// to each as it is read (e.g. to see it as known on a past date), so only its result is kept.
    public func allTimelines(
        _ transform: @escaping @Sendable (PersonTimeline) -> PersonTimeline = { $0 }
    ) async throws -> [PersonTimeline] {
        let collected = CollectedTimelines()
        try await forEachTimeline { collected.append(transform($0)) }
        return collected.timelines
    }
}

/// The timelines `forEachTimeline` hands out, gathered behind a lock because its body is `@Sendable`.
private final class CollectedTimelines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [PersonTimeline] = []

    func append(_ timeline: PersonTimeline) {
        lock.lock()
        storage.append(timeline)
        lock.unlock()
    }

    var timelines: [PersonTimeline] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
