import CEL
public import FundWatchCore

/// One person's timeline prepared for rule evaluation: the timeline itself (not copied), the
/// shared population index, and the CEL lists built lazily, once, the first time a rule asks.
///
/// An instance belongs to one evaluation thread at a time; the batch gives each person its own.
public final class BoundTimeline: @unchecked Sendable {
    /// The person's records.
    public let timeline: PersonTimeline
    /// Facts that need other persons (shared accounts, operators).
    public let index: PopulationIndex
    private var lists: [String: CELValue] = [:]
    private var medians: [Benefit: Int64] = [:]

    /// Binds a timeline and the population index.
    public init(_ timeline: PersonTimeline, index: PopulationIndex = .empty) {
        self.timeline = timeline
        self.index = index
    }

    /// The household key: the registered address, else the ID number.
    public var household: String { index.household(of: timeline) }

    /// The CEL list for a collection variable (`payments`, `settlements`, …), built once.
    func list(_ name: String) -> CELValue? {
        if let cached = lists[name] { return cached }
        let t = timeline
        let value: CELValue
        switch name {
        case "enrollments": value = .list(t.enrollments.map { .object(EnrollmentObject($0)) })
        case "contributions": value = .list(t.contributions.map { .object(ContributionObject($0)) })
        case "payments": value = .list(t.payments.map { .object(PaymentObject($0)) })
        case "settlements": value = .list(t.settlements.map { .object(SettlementObject($0)) })
        case "injuries": value = .list(t.injuryClaims.map { .object(InjuryObject($0)) })
        case "deaths": value = .list(t.deaths.map { .object(DeathObject($0)) })
        case "custody": value = .list(t.custody.map { .object(CustodyObject($0)) })
        case "employment": value = .list(t.employment.map { .object(EmploymentObject($0)) })
        case "checks": value = .list(t.qualificationChecks.map { .object(CheckObject($0)) })
        case "accounts": value = .list(t.bankAccounts.map { .object(AccountObject($0)) })
        default: return nil
        }
        lists[name] = value
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
