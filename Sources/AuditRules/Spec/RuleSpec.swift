/// An audit rule as written by audit staff: a YAML file with a CEL condition.
///
/// ```yaml
/// id: pension_after_death
/// title: 死亡后继续领取养老金
/// category: 冒领待遇
/// scope: benefit_payment
/// severity: red
/// when: payment.benefit == 'pension' && person.death_date != null && payment.period > period_of(person.death_date)
/// explain: '{{person.name}} 于 {{person.death_date}} 死亡，{{payment.period}} 仍发放养老金'
/// basis: ['《社会保险法》第八十八条']
/// version: 1
/// ```
public struct RuleSpec: Sendable, Hashable {
    /// Multi-level severity by a numeric score (`score` is a CEL expression giving a number).
    public struct Thresholds: Sendable, Hashable {
        public var score: String
        /// Lowest score for each level; the highest level reached wins, below all of them the rule passes.
        public var levels: [Severity: Double]
    }

    /// Where a rule is in its life.
    public enum Status: String, Sendable, Hashable, Codable {
        case draft, shadow, active, retired
    }

    public var id: String
    public var title: String
    public var category: String
    public var scope: RuleScope
    /// Fixed severity; ignored when `thresholds` is set.
    public var severity: Severity
    public var thresholds: Thresholds?
    /// The CEL condition; true flags the person (or record).
    public var when: String
    /// The explanation, with `{{ CEL expression }}` placeholders.
    public var explain: String
    /// Policy clauses that make it a violation.
    public var basis: [String]
    /// Optional CEL expression for the amount at risk in fen; defaults to the record's amount.
    public var amount: String?
    public var version: Int
    public var status: Status
    /// The rule file's text as loaded (nil for specs built in code); its SHA-256 identifies the
    /// version in the findings store and the ledger.
    public var source: String?

    /// What a finding of this rule asks staff to do: investigate a suspicion (`fraud`, the default)
    /// or verify records that contradict each other (`data_conflict`).
    public var findingKind: FindingKind = .fraud

    /// Creates a spec.
    public init(
        id: String, title: String, category: String, scope: RuleScope, severity: Severity = .yellow,
        thresholds: Thresholds? = nil, when: String, explain: String, basis: [String] = [], amount: String? = nil,
        version: Int = 1, status: Status = .active
    ) {
        self.id = id
        self.title = title
        self.category = category
        self.scope = scope
        self.severity = severity
        self.thresholds = thresholds
        self.when = when
        self.explain = explain
        self.basis = basis
        self.amount = amount
        self.version = version
        self.status = status
    }
}
