/// How often one rule's findings held up once a case decided them.
public struct RulePrecision: Sendable, Hashable, Codable {
    public var ruleID: String
    /// Cases decided from the rule's findings.
    public var decided: Int
    public var confirmedFraud: Int
    public var error: Int
    public var noIssue: Int
    /// The amount confirmed as wrongly paid, in fen.
    public var confirmedAmountFen: Int64

    /// Confirmed precision: the share of decided cases whose finding was right (fraud or error).
    public var precision: Double { decided == 0 ? 0 : Double(confirmedFraud + error) / Double(decided) }
    /// The share of decided cases that were fraud.
    public var fraudPrecision: Double { decided == 0 ? 0 : Double(confirmedFraud) / Double(decided) }

    /// Each rule's precision over `outcomes`, by rule id.
    public static func compute(_ outcomes: [CaseOutcome]) -> [RulePrecision] {
        var byRule = [String: RulePrecision]()
        for o in outcomes {
            var p = byRule[o.ruleID] ?? RulePrecision(
                ruleID: o.ruleID, decided: 0, confirmedFraud: 0, error: 0, noIssue: 0, confirmedAmountFen: 0)
            p.decided += 1
            switch o.verdict {
            case .confirmedFraud: p.confirmedFraud += 1
            case .error: p.error += 1
            case .noIssue: p.noIssue += 1
            }
            if o.verdict.confirmsFinding { p.confirmedAmountFen += o.amountFen }
            byRule[o.ruleID] = p
        }
        return byRule.values.sorted { $0.ruleID < $1.ruleID }
    }
}
