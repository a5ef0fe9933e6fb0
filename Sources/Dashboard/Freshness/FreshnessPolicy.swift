public import FundWatchCore

/// Which feeds the cockpit follows and how old each one's newest record may be before a county
/// counts as stale (its data too old to show it as clean).
public struct FreshnessPolicy: Sendable, Hashable {
    /// The feeds shown, in order.
    public var feeds: [RecordKind]
    /// Days a feed's newest record may be old, by feed.
    public var thresholdDays: [RecordKind: Int]
    /// Days for a feed without its own threshold.
    public var defaultThresholdDays: Int

    /// Death, custody, tax, benefit payment and medical settlement: monthly feeds, so a month and
    /// a half of silence (two and a half for tax, which arrives a month late) is stale.
    public init(
        feeds: [RecordKind] = [.deathRecord, .custodyRecord, .employmentRecord, .benefitPayment, .medicalSettlement],
        thresholdDays: [RecordKind: Int] = [
            .deathRecord: 45, .custodyRecord: 90, .employmentRecord: 75, .benefitPayment: 45, .medicalSettlement: 45,
        ],
        defaultThresholdDays: Int = 90
    ) {
        self.feeds = feeds
        self.thresholdDays = thresholdDays
        self.defaultThresholdDays = defaultThresholdDays
    }

    /// The threshold of one feed.
    public func threshold(for kind: RecordKind) -> Int { thresholdDays[kind] ?? defaultThresholdDays }
}
