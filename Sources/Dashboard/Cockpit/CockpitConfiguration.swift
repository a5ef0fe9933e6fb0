/// How the cockpit builds and caches snapshots.
public struct CockpitConfiguration: Sendable, Hashable {
    /// Each rule's category (冒领待遇 …), from the rule library; rules not named fall under 其他.
    public var ruleCategories: [String: String]
    /// How many rules `topRules` lists.
    public var topRules: Int
    /// How many months the trend shows (the most recent ones).
    public var trendMonths: Int
    public var freshness: FreshnessPolicy
    /// Seconds a cache serves snapshots without asking the store whether anything changed.
    /// 0 asks on every request; the default second keeps requests off the database while
    /// showing a new finding within a second.
    public var recheckInterval: Double

    public init(
        ruleCategories: [String: String] = [:], topRules: Int = 10, trendMonths: Int = 24,
        freshness: FreshnessPolicy = FreshnessPolicy(), recheckInterval: Double = 1
    ) {
        self.ruleCategories = ruleCategories
        self.topRules = topRules
        self.trendMonths = trendMonths
        self.freshness = freshness
        self.recheckInterval = recheckInterval
    }
}
