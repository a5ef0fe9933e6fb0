public import FundWatchCore
import Foundation
import GRDB

extension FundWatchDatabase {
    /// Every person's timeline in ID-number order, held in memory: the batch audit's input, where
    /// rules look across persons (shared accounts, households, baselines). `transform` is applied
    /// to each as it is read (e.g. to see it as known on a past date), so only its result is kept.
    ///
    /// The key space is cut into ranges of about equal numbers of persons, read by concurrent
    /// readers (one per core; a file database is a WAL pool), and the ranges are joined in key
    /// order. Each range is a read of its own: a batch run beside imports may see one import in
    /// some ranges and not in others, as it would if it had started a moment later.
    public func allTimelines(
        _ transform: @escaping @Sendable (PersonTimeline) -> PersonTimeline = { $0 }
    ) async throws -> [PersonTimeline] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let bounds = try await writer.read { db in try Self.rangeBounds(db, ranges: workers * 4) }
        // Range i is [bounds[i-1], bounds[i]), open at both ends.
        let lowers: [String?] = [nil] + bounds.map { $0 }
        let uppers: [String?] = bounds.map { $0 } + [nil]
        let ranges = zip(lowers, uppers).map { TimelineRangeReader(lower: $0, upper: $1) }
        var parts = [[PersonTimeline]](repeating: [], count: ranges.count)
        try await withThrowingTaskGroup(of: (Int, [PersonTimeline]).self) { group in
            var next = 0
            func start() {
                let i = next
                let range = ranges[i]
                next += 1
                group.addTask {
                    let timelines = try await writer.read { db in
                        var out = [PersonTimeline]()
                        let merges = try PersonMergeMap.load(db)
                        try range.forEach(db) { t in
                            if let merged = try merges.apply(t, db: db) { out.append(transform(merged)) }
                        }
                        return out
                    }
                    return (i, timelines)
                }
            }
            while next < min(workers, ranges.count) { start() }
            while let (i, timelines) = try await group.next() {
                parts[i] = timelines
                if next < ranges.count { start() }
            }
        }
        var all = [PersonTimeline]()
        all.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for i in parts.indices {
            all += parts[i]
            parts[i] = []
        }
        return all
    }

    /// Up to `ranges - 1` increasing person keys that cut the registered persons into ranges
    /// of about equal size (fewer when there are few persons; none for one range).
    static func rangeBounds(_ db: Database, ranges: Int) throws -> [String] {
        let persons = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? 0
        guard ranges > 1, persons >= ranges * 64 else { return [] }
        var bounds = [String]()
        for i in 1..<ranges {
            guard
                let key = try String.fetchOne(
                    db, sql: "SELECT id_number FROM person ORDER BY id_number LIMIT 1 OFFSET ?", arguments: [persons * i / ranges])
            else { continue }
            if bounds.last.map({ $0 < key }) ?? true { bounds.append(key) }
        }
        return bounds
    }
}
