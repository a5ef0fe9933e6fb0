import CEL
public import FundWatchCore

/// One person's timeline prepared for rule evaluation: the timeline itself (not copied), the
/// shared population index, and the CEL values built lazily, once, the first time a rule asks:
/// the `person` object and each record list, whose elements are also the records that
/// record-scoped rules evaluate, so all rules share one host object per record.
///
/// An instance belongs to one evaluation thread at a time; the batch gives each person its own.
public final class BoundTimeline: @unchecked Sendable {
    /// The person's records.
    public let timeline: PersonTimeline
    /// Facts that need other persons (shared accounts, operators).
    public let index: PopulationIndex
    private var lists = [CELValue?](repeating: nil, count: TimelineList.allCases.count)
    private var medians: [Benefit: Int64] = [:]
    private var personValue: CELValue?
    /// Values of domain functions that depend only on the person and a literal argument.
    private var facts: [Fact: CELValue] = [:]

    /// A question about the person alone: which function, with which literal argument.
    struct Fact: Hashable {
        let function: String
        let argument: String
    }

    /// Binds a timeline and the population index.
    public init(_ timeline: PersonTimeline, index: PopulationIndex = .empty) {
        self.timeline = timeline
        self.index = index
    }

    /// The household key: the registered address, else the ID number.
    public var household: String { index.household(of: timeline) }

    /// The `person` variable, built once.
    var person: CELValue {
        if let personValue { return personValue }
        let value = CELValue.object(PersonObject(bound: self))
        personValue = value
        return value
    }

    /// The CEL list for a collection variable (`payments`, `settlements`, …), built once.
    func list(_ name: String) -> CELValue? {
        guard let list = TimelineList(variable: name) else { return nil }
        return self.list(list)
    }

    /// The CEL list of one kind of record, built once.
    func list(_ list: TimelineList) -> CELValue {
        if let cached = lists[list.rawValue] { return cached }
        let t = timeline
        let value: CELValue
        switch list {
        case .enrollments: value = .list(t.enrollments.map { .object(EnrollmentObject($0)) })
        case .contributions: value = .list(t.contributions.map { .object(ContributionObject($0)) })
        case .payments: value = .list(t.payments.map { .object(PaymentObject($0)) })
        case .settlements: value = .list(t.settlements.map { .object(SettlementObject($0)) })
        case .injuries: value = .list(t.injuryClaims.map { .object(InjuryObject($0)) })
        case .deaths: value = .list(t.deaths.map { .object(DeathObject($0)) })
        case .custody: value = .list(t.custody.map { .object(CustodyObject($0)) })
        case .employment: value = .list(t.employment.map { .object(EmploymentObject($0)) })
        case .checks: value = .list(t.qualificationChecks.map { .object(CheckObject($0)) })
        case .accounts: value = .list(t.bankAccounts.map { .object(AccountObject($0)) })
        }
        lists[list.rawValue] = value
        return value
    }

    /// The CEL value of one record of a list (the same object the list holds).
    func element(_ list: TimelineList, _ position: Int) -> CELValue {
        guard case .list(let elements) = self.list(list) else { return .null }
        return elements[position]
    }

    /// The value of a domain function that depends only on the person and `argument`, computed
    /// on first use. Record-scoped rules ask such questions once per record (`paid_months(person,
    /// 'pension')` for every pension month), which would otherwise cost a pass over the timeline
    /// each time.
    func fact(_ function: String, _ argument: String = "", _ compute: () -> CELValue) -> CELValue {
        let key = Fact(function: function, argument: argument)
        if let known = facts[key] { return known }
        let value = compute()
        facts[key] = value
        return value
    }

    /// The median positive amount of one benefit over the person's own payments (0 if none).
    func medianPaid(_ benefit: Benefit) -> Int64 {
        if let cached = medians[benefit] { return cached }
        let amounts = timeline.payments.lazy.filter { $0.benefit == benefit && $0.amount.fen > 0 }.map(\.amount.fen).sorted()
        let median = amounts.isEmpty ? 0 : amounts[amounts.count / 2]
        medians[benefit] = median
        return median
    }
}

/// The record lists of a timeline, as rules name them.
enum TimelineList: Int, CaseIterable, Sendable {
    case enrollments, contributions, payments, settlements, injuries, deaths, custody, employment, checks, accounts

    /// The list a CEL variable names, if any.
    init?(variable: String) {
        switch variable {
        case "enrollments": self = .enrollments
        case "contributions": self = .contributions
        case "payments": self = .payments
        case "settlements": self = .settlements
        case "injuries": self = .injuries
        case "deaths": self = .deaths
        case "custody": self = .custody
        case "employment": self = .employment
        case "checks": self = .checks
        case "accounts": self = .accounts
        default: return nil
        }
    }

    /// How many records of this kind the bound timeline holds, read in place (passing the
    /// timeline itself to ``count(in:)-(PersonTimeline)`` from a class copies it).
    func count(in b: BoundTimeline) -> Int {
        switch self {
        case .enrollments: b.timeline.enrollments.count
        case .contributions: b.timeline.contributions.count
        case .payments: b.timeline.payments.count
        case .settlements: b.timeline.settlements.count
        case .injuries: b.timeline.injuryClaims.count
        case .deaths: b.timeline.deaths.count
        case .custody: b.timeline.custody.count
        case .employment: b.timeline.employment.count
        case .checks: b.timeline.qualificationChecks.count
        case .accounts: b.timeline.bankAccounts.count
        }
    }

    /// How many records of this kind the timeline holds.
    func count(in t: PersonTimeline) -> Int {
        switch self {
        case .enrollments: t.enrollments.count
        case .contributions: t.contributions.count
        case .payments: t.payments.count
        case .settlements: t.settlements.count
        case .injuries: t.injuryClaims.count
        case .deaths: t.deaths.count
        case .custody: t.custody.count
        case .employment: t.employment.count
        case .checks: t.qualificationChecks.count
        case .accounts: t.bankAccounts.count
        }
    }
}
