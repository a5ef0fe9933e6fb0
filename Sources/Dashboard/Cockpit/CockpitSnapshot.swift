/// What the cockpit (驾驶舱) shows for one region, ready to encode as JSON or render: totals,
/// breakdowns, trend, top rules, one row per child region and data freshness per feed.
///
/// Figures count findings that raise alerts (not shadow or suppressed ones; those appear in
/// `byStatus` only). Money is in fen. There is no recovery progress here: nothing records
/// recoveries yet, and a figure without data behind it would mislead.
public struct CockpitSnapshot: Sendable, Hashable, Codable {
    /// A region named in a snapshot.
    public struct RegionRef: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        /// `nation`, `province`, `city` or `county`.
        public var level: String
        /// The region one level up (the nation's code for a province), nil for the nation.
        public var parentCode: String?

        public init(code: String, name: String, level: String, parentCode: String?) {
            self.code = code
            self.name = name
            self.level = level
            self.parentCode = parentCode
        }
    }

    /// Counts and sums of a set of findings.
    public struct Totals: Sendable, Hashable, Codable {
        public var findings: Int
        public var amountAtRisk: Int64
        public var red: Int
        /// The sum of the findings' risk scores (0–100 each): the region's risk.
        public var riskScore: Double

        public init(findings: Int, amountAtRisk: Int64, red: Int, riskScore: Double) {
            self.findings = findings
            self.amountAtRisk = amountAtRisk
            self.red = red
            self.riskScore = riskScore
        }
    }

    /// One key of a breakdown (a severity, a category, a month …) with its Chinese label.
    public struct Bucket: Sendable, Hashable, Codable {
        public var key: String
        public var label: String
        public var findings: Int
        public var amountAtRisk: Int64
        public var red: Int

        public init(key: String, label: String, findings: Int, amountAtRisk: Int64, red: Int) {
            self.key = key
            self.label = label
            self.findings = findings
            self.amountAtRisk = amountAtRisk
            self.red = red
        }
    }

    /// One rule's findings.
    public struct RuleRow: Sendable, Hashable, Codable {
        public var ruleID: String
        public var title: String
        public var category: String
        public var findings: Int
        public var amountAtRisk: Int64
        public var red: Int

        public init(ruleID: String, title: String, category: String, findings: Int, amountAtRisk: Int64, red: Int) {
            self.ruleID = ruleID
            self.title = title
            self.category = category
            self.findings = findings
            self.amountAtRisk = amountAtRisk
            self.red = red
        }
    }

    /// One child region: its figures, where to draw it, and which feeds are stale there.
    public struct ChildRow: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var level: String
        /// WGS-84 point; nil for the few pseudo-regions without one (left off the map).
        public var longitude: Double?
        public var latitude: Double?
        public var findings: Int
        public var amountAtRisk: Int64
        public var red: Int
        public var riskScore: Double
        /// Feeds (record kinds) on which some county of this child is stale.
        public var staleFeeds: [String]
        /// Whether anything is known of this child: findings, or any county delivering data. A
        /// child without either is unknown, not clean.
        public var hasData: Bool

        public init(
            code: String, name: String, level: String, longitude: Double?, latitude: Double?, findings: Int,
            amountAtRisk: Int64, red: Int, riskScore: Double, staleFeeds: [String], hasData: Bool
        ) {
            self.code = code
            self.name = name
            self.level = level
            self.longitude = longitude
            self.latitude = latitude
            self.findings = findings
            self.amountAtRisk = amountAtRisk
            self.red = red
            self.riskScore = riskScore
            self.staleFeeds = staleFeeds
            self.hasData = hasData
        }
    }

    public var region: RegionRef
    /// The dashboard version the snapshot was built at.
    public var version: Int64
    /// The date staleness was judged on (`YYYY-MM-DD`).
    public var asOf: String
    public var totals: Totals
    /// red, orange, yellow (always all three, in that order).
    public var bySeverity: [Bucket]
    /// By rule category (冒领待遇 …), largest first.
    public var byCategory: [Bucket]
    /// fraud, data_conflict.
    public var byKind: [Bucket]
    /// Every stored finding by status (shadow and suppressed included).
    public var byStatus: [Bucket]
    /// By the month the findings were first found, oldest first.
    public var trend: [Bucket]
    /// The rules with the most findings, most first.
    public var topRules: [RuleRow]
    /// One row per child region in the catalogue, in code order (empty for a county).
    public var children: [ChildRow]
    /// Findings of this region that no child accounts for (their county is unknown), if any.
    public var unattributed: Totals?
    /// Each followed feed's freshness in the region.
    public var freshness: [FeedFreshness]

    public init(
        region: RegionRef, version: Int64, asOf: String, totals: Totals, bySeverity: [Bucket], byCategory: [Bucket],
        byKind: [Bucket], byStatus: [Bucket], trend: [Bucket], topRules: [RuleRow], children: [ChildRow],
        unattributed: Totals?, freshness: [FeedFreshness]
    ) {
        self.region = region
        self.version = version
        self.asOf = asOf
        self.totals = totals
        self.bySeverity = bySeverity
        self.byCategory = byCategory
        self.byKind = byKind
        self.byStatus = byStatus
        self.trend = trend
        self.topRules = topRules
        self.children = children
        self.unattributed = unattributed
        self.freshness = freshness
    }
}
