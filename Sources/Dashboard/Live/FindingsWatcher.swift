import Foundation
public import FundWatchCore
public import Storage

/// Watches the findings table for rows above the last one it saw and turns the new alerting ones
/// (red by default, status open) into live alerts and queued webhook notifications.
///
/// It polls rather than being called by the audit, so it also sees findings stored by an audit
/// running in another process (`fundwatch audit` beside `fundwatch serve`). Row ids grow with
/// each commit because SQLite has one writer at a time, so "above the last id" misses nothing.
public actor FindingsWatcher {
    private let database: FundWatchDatabase
    private let hub: LiveAlertHub
    private let outbox: NotificationOutbox?
    private let catalog: RegionCatalog
    private let severities: Set<String>
    private let clock: any DashboardClock
    private let pollInterval: Double
    private let batchSize: Int
    /// The last finding id seen; nil until the first poll decides where to start.
    public private(set) var lastSeenID: Int64?

    /// - Parameters:
    ///   - severities: the severities that raise a live alert (`red`, configurable).
    ///   - startAfterID: the id after which findings count as new; nil starts from the newest
    ///     finding at the first poll (what exists already is not news).
    public init(
        database: FundWatchDatabase, hub: LiveAlertHub, outbox: NotificationOutbox? = nil,
        catalog: RegionCatalog = .shared, severities: Set<String> = ["red"], clock: any DashboardClock = SystemClock(),
        pollInterval: Double = 1, batchSize: Int = 1000, startAfterID: Int64? = nil
    ) {
        self.database = database
        self.hub = hub
        self.outbox = outbox
        self.catalog = catalog
        self.severities = severities
        self.clock = clock
        self.pollInterval = pollInterval
        self.batchSize = max(1, batchSize)
        self.lastSeenID = startAfterID
    }

    /// Reads every finding stored since the last poll, publishes the alerting ones and queues
    /// their notifications (queued before the id moves on, so a crash re-sends rather than
    /// loses; the outbox keeps one item per finding and endpoint). Returns the alerts published.
    @discardableResult
    public func poll() async throws -> [LiveAlert] {
        guard let start = lastSeenID else {
            lastSeenID = try await database.lastFindingID()
            return []
        }
        var from = start
        var published = [LiveAlert]()
        while true {
            let batch = try await database.findings(afterID: from, limit: batchSize)
            for new in batch where severities.contains(new.finding.severity) && new.finding.status == .open {
                let alert = LiveAlert(new, catalog: catalog)
                try await outbox?.enqueue(alert, at: clock.now())
                await hub.publish(alert)
                published.append(alert)
            }
            guard let last = batch.last?.finding.id else { break }
            from = last
            lastSeenID = last
            if batch.count < batchSize { break }
        }
        return published
    }

    /// Polls every `pollInterval` seconds until the task is cancelled. A failed poll (database
    /// busy, disk full) is retried at the next tick rather than ending the watch.
    public func run(onError: @Sendable (any Error) -> Void = { _ in }) async {
        while !Task.isCancelled {
            do { try await poll() } catch { onError(error) }
            do { try await clock.sleep(seconds: pollInterval) } catch { return }
        }
    }
}
