/// A process change the outcome data points to, with the numbers that support it.
///
/// Every suggestion comes from one explainable pattern (`Pattern`) whose thresholds are in
/// `CauseAnalysis.Thresholds`; its text is built from the counted figures, never written freely.
public struct ProcessSuggestion: Sendable, Hashable, Codable {
    /// The patterns the analysis looks for.
    public enum Pattern: String, Sendable, Hashable, Codable, CaseIterable {
        /// Most confirmed after-death cases of a region began with a late death registration.
        case lateDeathRegistration = "late_death_registration"
        /// One institution accounts for a large share of a rule's confirmed cases.
        case institutionConcentration = "institution_concentration"
        /// One operator accounts for a large share of the handling errors.
        case operatorErrors = "operator_errors"
        /// One channel's cases are confirmed as fraud far more often than the others'.
        case riskyChannel = "risky_channel"
        /// A rule whose findings are mostly false alarms.
        case lowPrecisionRule = "low_precision_rule"

        /// The pattern's name in the report.
        public var chinese: String {
            switch self {
            case .lateDeathRegistration: "死亡登记滞后"
            case .institutionConcentration: "问题集中于个别机构"
            case .operatorErrors: "经办差错集中"
            case .riskyChannel: "申领渠道风险偏高"
            case .lowPrecisionRule: "规则误报偏多"
            }
        }
    }

    /// Stable for the same pattern and group: `late_death_registration:370102`.
    public var key: String
    public var pattern: Pattern
    /// The region the change applies to (the analysed scope's root for rule-wide patterns).
    public var regionCode: String
    /// What was observed, with its figures (Chinese).
    public var observation: String
    /// What to change (Chinese).
    public var suggestion: String
    /// The figures behind it, by name.
    public var figures: [String: Double]
    /// The cases it rests on.
    public var caseIDs: [String]

    // `caseIds`, so the API's snake_case strategy writes `case_ids`.
    private enum CodingKeys: String, CodingKey {
        case key, pattern, regionCode, observation, suggestion, figures, caseIDs = "caseIds"
    }
}
