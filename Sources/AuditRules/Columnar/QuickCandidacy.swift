/// The part of a rule's ``ColumnPlan/Candidacy`` the batch asks about every person, as plain
/// values (lists as bit sets): reading them copies nothing and retains nothing, where reading
/// the candidacy's arrays retains each. Answers "no" for most persons; only a rule with
/// requirements, joins, count bounds or an imprisonment gate needs the whole test after a "maybe".
struct QuickCandidacy: Sendable {
    /// The list whose records the rule evaluates (``TimelineList/rawValue``), or -1.
    let list: Int
    /// Lists that must not be empty, one bit per ``TimelineList/rawValue``.
    let requiredLists: UInt16
    let personMask: UInt64
    let recordMask: UInt64
    /// Whether the quick answer is the whole answer.
    let isWhole: Bool
    /// ``ColumnPlan/Candidacy/iteratedLists`` as bits (``iterates`` false for nil) and the budget.
    let iteratedLists: UInt16
    let iterates: Bool
    let costLimit: Int

    init(_ c: ColumnPlan.Candidacy) {
        list = c.list?.rawValue ?? -1
        requiredLists = c.requiredLists.reduce(0) { $0 | 1 << UInt16($1.rawValue) }
        personMask = c.personMask
        recordMask = c.recordMask
        isWhole = !c.needsImprisonment && c.requirements.isEmpty && c.selfJoins.isEmpty && c.countBounds.isEmpty
        iteratedLists = (c.iteratedLists ?? []).reduce(0) { $0 | 1 << UInt16($1.rawValue) }
        iterates = c.iteratedLists != nil
        costLimit = c.costLimit
    }

    enum Answer { case no, yes, maybe }

    /// Whether the rule can match person `p`: `.no` and `.yes` are certain (the whole test,
    /// ``RuleEngine/isCandidate(_:_:_:_:)``, answers the same), `.maybe` needs the whole test.
    @inline(__always)
    func answer(_ p: Int, _ population: ColumnarPopulation, _ table: BitTable) -> Answer {
        if list >= 0 {
            let records = population.records(raw: list, of: p)
            if records.isEmpty { return .no }
            if recordMask != 0 {
                let bits = table.records[list]
                if !bits.isEmpty && !records.contains(where: { bits[$0] & recordMask == 0 }) { return .no }
            }
        }
        var lists = requiredLists
        while lists != 0 {
            if population.records(raw: lists.trailingZeroBitCount, of: p).isEmpty { return .no }
            lists &= lists - 1
        }
        if personMask != 0 && table.persons[p] & personMask != 0 { return .no }
        return isWhole ? .yes : .maybe
    }

    /// Whether a term that iterates may be decided alone for person `p` under this rule: only
    /// when the rule's lists cannot exhaust its budget, since an exhausted budget is an error
    /// the interpreter reports rather than a false condition.
    @inline(__always)
    func withinBudget(_ p: Int, _ population: ColumnarPopulation) -> Bool {
        guard iterates else { return false }
        var total = 0
        var lists = iteratedLists
        while lists != 0 {
            total += population.records(raw: lists.trailingZeroBitCount, of: p).count
            lists &= lists - 1
        }
        return total < costLimit
    }
}
