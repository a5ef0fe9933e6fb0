/// The outcomes of one group (a rule, a region, an institution, an operator or a channel).
public struct CauseBreakdown: Sendable, Hashable, Codable {
    /// What the outcomes are grouped by.
    public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable {
        case rule, region, institution, `operator`, channel

        /// The dimension as a column heading.
        public var chinese: String {
            switch self {
            case .rule: "规则"
            case .region: "地区"
            case .institution: "机构"
            case .operator: "经办人"
            case .channel: "渠道"
            }
        }
    }

    public var dimension: Dimension
    /// The group's key: a rule id, a region code, an institution id, a staff id or a channel.
    public var key: String
    public var cases: Int
    public var confirmedFraud: Int
    public var error: Int
    public var noIssue: Int
    public var confirmedAmountFen: Int64

    /// The share of the group's cases whose finding was right.
    public var confirmedShare: Double { cases == 0 ? 0 : Double(confirmedFraud + error) / Double(cases) }

    /// The groups of `outcomes` along `dimension`, largest confirmed amount first (outcomes
    /// without a value for the dimension are left out).
    public static func group(_ outcomes: [CaseOutcome], by dimension: Dimension) -> [CauseBreakdown] {
        var groups = [String: CauseBreakdown]()
        for o in outcomes {
            let key: String?
            switch dimension {
            case .rule: key = o.ruleID
            case .region: key = o.regionCode
            case .institution: key = o.institutionID
            case .operator: key = o.operatorID
            case .channel: key = o.channel
            }
            guard let key, !key.isEmpty else { continue }
            var g = groups[key] ?? CauseBreakdown(
                dimension: dimension, key: key, cases: 0, confirmedFraud: 0, error: 0, noIssue: 0, confirmedAmountFen: 0)
            g.cases += 1
            switch o.verdict {
            case .confirmedFraud: g.confirmedFraud += 1
            case .error: g.error += 1
            case .noIssue: g.noIssue += 1
            }
            if o.verdict.confirmsFinding { g.confirmedAmountFen += o.amountFen }
            groups[key] = g
        }
        return groups.values.sorted {
            ($0.confirmedAmountFen, $0.cases, $1.key) > ($1.confirmedAmountFen, $1.cases, $0.key)
        }
    }
}
