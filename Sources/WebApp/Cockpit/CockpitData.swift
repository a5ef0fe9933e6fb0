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

        public init(code: String, name: String, findings: Int, amountAtRisk: Int64, red: Int) {
            self.code = code
            self.name = name
            self.findings = findings
            self.amountAtRisk = amountAtRisk
            self.red = red
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

    public init(
        regionCode: String, regionName: String, totalFindings: Int, totalAmountAtRisk: Int64, bySeverity: [Tally],
        byCategory: [Tally], byPeriod: [Tally], topRules: [Tally], children: [ChildRegion]
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
    }
}

/// Where the cockpit's figures come from. The default computes them from the findings table;
/// a pre-aggregated source (the Dashboard target's rollups) can take its place without the
/// pages changing.
public protocol CockpitDataSource: Sendable {
    /// The figures of `scope`'s root region and its direct children.
    func cockpit(for scope: RegionScope) async throws -> CockpitData
}
