public import FundWatchCore

/// The cause-analysis report of one period: outcomes grouped by rule, region, institution,
/// operator and channel, each rule's confirmed precision, and the process suggestions that the
/// patterns in them support.
public struct CauseAnalysis: Sendable, Hashable, Codable {
    /// The thresholds of the patterns; each suggestion names the figures it passed.
    public struct Thresholds: Sendable, Hashable, Codable {
        /// No pattern is drawn from fewer cases than this.
        public var minimumCases: Int = 3
        /// A death registration later than this many days after the death is late.
        public var lateRegistrationDays: Int = 60
        /// The share of a region's confirmed after-death cases with a late registration that
        /// suggests monthly matching.
        public var lateRegistrationShare: Double = 0.5
        /// The share of a rule's confirmed cases at one institution that suggests an inspection.
        public var institutionShare: Double = 0.3
        /// The share of all handling errors by one operator that suggests review and training.
        public var operatorErrorShare: Double = 0.3
        /// How many times the overall fraud rate a channel's rate must reach.
        public var channelRiskRatio: Double = 2
        /// Below this confirmed precision, a rule with enough decided cases needs tuning.
        public var lowPrecision: Double = 0.3

        public init() {}
    }

    /// The first and last day of the period (outcomes decided in it, both days included).
    public var from: CivilDate
    public var to: CivilDate
    /// The region the report covers.
    public var scopeRegion: String
    public var totalCases: Int
    public var confirmedAmountFen: Int64
    public var precision: [RulePrecision]
    public var breakdowns: [CauseBreakdown]
    public var suggestions: [ProcessSuggestion]

    /// The report over the outcomes decided from `from` to `to`.
    public static func report(
        outcomes all: [CaseOutcome], from: CivilDate, to: CivilDate, scopeRegion: String,
        thresholds: Thresholds = Thresholds(), catalog: RegionCatalog = .shared
    ) -> CauseAnalysis {
        let outcomes = all.filter { $0.decidedOn >= from && $0.decidedOn <= to }.sorted { $0.caseID < $1.caseID }
        var breakdowns = [CauseBreakdown]()
        for dimension in CauseBreakdown.Dimension.allCases {
            breakdowns += CauseBreakdown.group(outcomes, by: dimension)
        }
        let analyst = SuggestionFinder(
            outcomes: outcomes, thresholds: thresholds, scopeRegion: scopeRegion, catalog: catalog)
        return CauseAnalysis(
            from: from, to: to, scopeRegion: scopeRegion, totalCases: outcomes.count,
            confirmedAmountFen: outcomes.filter(\.verdict.confirmsFinding).reduce(0) { $0 + $1.amountFen },
            precision: RulePrecision.compute(outcomes), breakdowns: breakdowns, suggestions: analyst.suggestions())
    }
}
