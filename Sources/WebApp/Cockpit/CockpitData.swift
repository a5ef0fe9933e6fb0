public import Foundation
public import Storage

/// What the cockpit (驾驶舱) shows for one region: its findings and amounts at risk along each
/// dimension, its top rules, and one row per child region to drill down to.
public struct CockpitData: Sendable, Hashable, Codable {
    /// One bar or row: a label, a count and a sum.
    public struct Tally: Sendable, Hashable, Codable {
        public var key: String
        public var label: String
        public var findings: Int
        /// Fen.
        public var amountAtRisk: Int64

        public init(key: String, label: String, findings: Int, amountAtRisk: Int64) {
            self.key = key
            self.label = label
            self.findings = findings
            self.amountAtRisk = amountAtRisk
        }
    }

    /// A child region's row, with the code to drill down to.
    public struct ChildRegion: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var findings: Int
        public var amountAtRisk: Int64
        public var red: Int
        /// Chinese names of the feeds on which some county of this child is stale.
        public var staleFeeds: [String]

        public init(code: String, name: String, findings: Int, amountAtRisk: Int64, red: Int, staleFeeds: [String] = []) {
            self.code = code
            self.name = name
            self.findings = findings
            self.amountAtRisk = amountAtRisk
            self.red = red
            self.staleFeeds = staleFeeds
        }
    }

    /// How fresh one department feed is in the region (the newest record its lagging county delivered).
    public struct Freshness: Sendable, Hashable, Codable {
        public var feed: String
        public var label: String
        /// `YYYY-MM-DD` of the newest record of any county, nil when none delivered any.
        public var newest: String?
        /// Days since the lagging county's newest record; nil when some county delivered none.
        public var laggingAgeDays: Int?
        public var thresholdDays: Int
        public var counties: Int
        public var staleCounties: Int

        public init(
            feed: String, label: String, newest: String?, laggingAgeDays: Int?, thresholdDays: Int, counties: Int,
            staleCounties: Int
        ) {
            self.feed = feed
            self.label = label
            self.newest = newest
            self.laggingAgeDays = laggingAgeDays
            self.thresholdDays = thresholdDays
            self.counties = counties
            self.staleCounties = staleCounties
        }
    }

    public var regionCode: String
    public var regionName: String
    public var totalFindings: Int
    public var totalAmountAtRisk: Int64
    public var bySeverity: [Tally]
    public var byCategory: [Tally]
    public var byPeriod: [Tally]
    public var topRules: [Tally]
    public var children: [ChildRegion]
    /// The children drawn as a server-rendered SVG heat map, when the source can draw one.
    public var heatMapSVG: String?
    /// Data freshness per feed, when the source tracks it.
    public var freshness: [Freshness]

    public init(
        regionCode: String, regionName: String, totalFindings: Int, totalAmountAtRisk: Int64, bySeverity: [Tally],
        byCategory: [Tally], byPeriod: [Tally], topRules: [Tally], children: [ChildRegion], heatMapSVG: String? = nil,
        freshness: [Freshness] = []
    ) {
        self.regionCode = regionCode
        self.regionName = regionName
        self.totalFindings = totalFindings
        self.totalAmountAtRisk = totalAmountAtRisk
        self.bySeverity = bySeverity
        self.byCategory = byCategory
        self.byPeriod = byPeriod
        self.topRules = topRules
        self.children = children
        self.heatMapSVG = heatMapSVG
        self.freshness = freshness
    }
}

/// Where the cockpit's figures come from: `RollupCockpitSource` (the Dashboard target's
/// pre-aggregated rollups) by default; tests pass their own.
public protocol CockpitDataSource: Sendable {
    /// The figures of `scope`'s root region and its direct children.
    func cockpit(for scope: RegionScope) async throws -> CockpitData

    /// The same figures as the API's JSON (`JSONOutput`'s encoding). Sources that cache may keep
    /// the bytes; the default encodes `cockpit(for:)` each time.
    func cockpitJSON(for scope: RegionScope) async throws -> Data

    /// The page's content for `scope` as `render` draws it from the figures. Sources that cache
    /// keep it per figures and `variant` (what else the content depends on); the default renders
    /// it each time.
    func cockpitPage(
        for scope: RegionScope, variant: String, render: @Sendable (CockpitData) throws -> String
    ) async throws -> String
}

extension CockpitDataSource {
    public func cockpitJSON(for scope: RegionScope) async throws -> Data {
        try JSONOutput.encoder().encode(try await cockpit(for: scope))
    }

    public func cockpitPage(
        for scope: RegionScope, variant: String, render: @Sendable (CockpitData) throws -> String
    ) async throws -> String {
        try render(try await cockpit(for: scope))
    }
}
