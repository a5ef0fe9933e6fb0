/// How fresh one feed is in one region: the newest record any county delivered, the county that
/// lags most, and how many counties are stale.
public struct FeedFreshness: Sendable, Hashable, Codable {
    /// The record kind (`death_record` …).
    public var feed: String
    /// Its Chinese name (死亡登记 …).
    public var label: String
    /// The newest record of any county in the region (`YYYY-MM-DD`), nil when none delivered any.
    public var newest: String?
    /// The newest record of the county that lags most; nil when some county delivered none.
    public var laggingNewest: String?
    /// Days from the lagging county's newest record to the as-of date; nil when one delivered none.
    public var laggingAgeDays: Int?
    public var thresholdDays: Int
    /// Counties of the region that deliver data at all.
    public var counties: Int
    /// Of those, the ones whose newest record of this feed is older than the threshold or missing.
    public var staleCounties: Int

    /// Whether any county of the region is stale on this feed.
    public var isStale: Bool { staleCounties > 0 }
}
