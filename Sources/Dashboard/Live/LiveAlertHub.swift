public import FundWatchCore

/// Fans new alerts out to subscribers, each receiving those of its region's subtree.
///
/// Every subscriber has its own bounded buffer: a subscriber that reads too slowly loses its
/// oldest alerts (the newest matter most on a live screen), never holds up the others, and its
/// losses are counted so the page can say "N alerts were skipped; open the queue".
public actor LiveAlertHub {
    /// A subscription: the stream to read and the id to ask about drops.
    public struct Subscription: Sendable {
        public let id: Int
        public let alerts: AsyncStream<LiveAlert>
    }

    private struct Subscriber {
        var regionCode: String
        var continuation: AsyncStream<LiveAlert>.Continuation
        var dropped: Int
    }

    private let catalog: RegionCatalog
    private let bufferSize: Int
    private var subscribers: [Int: Subscriber] = [:]
    private var nextID = 0
    /// Drops of subscribers that have left, so the total stays true.
    private var droppedByGone = 0

    /// `bufferSize` alerts wait per subscriber before the oldest is dropped.
    public init(catalog: RegionCatalog = .shared, bufferSize: Int = 64) {
        self.catalog = catalog
        self.bufferSize = max(1, bufferSize)
    }

    /// Subscribes to the alerts of a region's subtree (`000000`: the whole nation). The stream
    /// ends when the hub finishes; cancelling the reading task unsubscribes.
    public func subscribe(regionCode: String) -> Subscription {
        let id = nextID
        nextID += 1
        let (stream, continuation) = AsyncStream<LiveAlert>.makeStream(bufferingPolicy: .bufferingNewest(bufferSize))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.unsubscribe(id) }
        }
        subscribers[id] = Subscriber(regionCode: regionCode, continuation: continuation, dropped: 0)
        return Subscription(id: id, alerts: stream)
    }

    /// Sends an alert to every subscriber whose region contains the alert's county. Returns how
    /// many subscribers it went to.
    @discardableResult
    public func publish(_ alert: LiveAlert) -> Int {
        var sent = 0
        for (id, subscriber) in subscribers where covers(subscriber.regionCode, alert.regionCode) {
            switch subscriber.continuation.yield(alert) {
            case .dropped:
                subscribers[id]?.dropped += 1
                sent += 1
            case .enqueued:
                sent += 1
            case .terminated:
                unsubscribe(id)
            @unknown default:
                sent += 1
            }
        }
        return sent
    }

    /// How many alerts a subscriber has lost to a full buffer.
    public func droppedCount(subscription id: Int) -> Int { subscribers[id]?.dropped ?? 0 }

    /// How many alerts all subscribers, present and gone, have lost.
    public var totalDropped: Int { droppedByGone + subscribers.values.reduce(0) { $0 + $1.dropped } }

    /// Current subscribers.
    public var subscriberCount: Int { subscribers.count }

    /// Ends every stream (the server is stopping).
    public func finish() {
        for subscriber in subscribers.values { subscriber.continuation.finish() }
    }

    private func unsubscribe(_ id: Int) {
        guard let gone = subscribers.removeValue(forKey: id) else { return }
        droppedByGone += gone.dropped
    }

    /// The nation covers everything; a region covers its own subtree; an alert without a known
    /// county reaches the nation only.
    private func covers(_ region: String, _ alertRegion: String?) -> Bool {
        if region == RiskRollupIndex.nationCode { return true }
        guard let alertRegion else { return false }
        return alertRegion == region || catalog.contains(region, alertRegion)
    }
}
