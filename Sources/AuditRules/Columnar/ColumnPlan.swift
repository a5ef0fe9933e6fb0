import CEL
import FundWatchCore

/// What the column scan of a batch tests for each rule, derived once from the rules' plans: the
/// columns to build, the distinct record and person terms (each evaluated once per record or
/// person, whatever number of rules share it), and for each rule the terms and lists that must
/// leave something before the rule is run on a person at all.
struct ColumnPlan: Sendable {
    /// The columns to build, with the literals each text column is coded against.
    let keys: [ColumnKey]
    let vocabularies: [[String]]
    /// The distinct record terms of each list (by ``TimelineList/rawValue``), at most 64 each.
    let recordTerms: [[ColumnPredicate]]
    /// The distinct person terms, at most 64.
    let personTerms: [ColumnPredicate]
    /// One entry per rule, in the engine's rule order.
    let rules: [Candidacy]
    /// The same, as the plain values the batch asks about every person (``QuickCandidacy``).
    let quick: [QuickCandidacy]
    /// The terms decided by their native closures (``ColumnPredicate/native(_:)``), in the order
    /// the rules list them, so a later term is decided only where the earlier ones left a record.
    let nativeTerms: [NativeTerm]

    /// When a person is a candidate for one rule. A class: the scan asks about each rule for
    /// every person, and passing a reference copies none of its lists.
    final class Candidacy: Sendable {
        /// The list whose records the rule evaluates (the person needs one); nil for person rules.
        let list: TimelineList?
        /// Lists that must not be empty.
        let requiredLists: [TimelineList]
        let needsImprisonment: Bool
        /// Bounds of count functions (``RulePlan/CountBound``): the person needs more than the
        /// limit of something (two positive pension payments in one month) for the rule to match.
        let countBounds: [RulePlan.CountBound]
        /// Record terms of ``list`` (bits of ``ColumnPlan/recordTerms``) one of which is certainly
        /// false on a record that cannot match.
        let recordMask: UInt64
        /// Person terms one of which is certainly false for a person who cannot match.
        let personMask: UInt64
        /// `list.exists(x, …)` terms: the person needs a record of the list that none of the
        /// masked record terms (those of the predicate that read `x` alone) rules out.
        let requirements: [(list: TimelineList, mask: UInt64)]
        /// The lists the condition iterates (``RulePlan/iteratedLists``) and its cost budget: the
        /// requirements apply only to a person whose lists cannot exhaust the budget, since an
        /// exhausted budget is an error the interpreter reports rather than a false condition.
        /// The budget here is the rule's less its fixed charges (``RulePlan/fixedCharges``).
        let iteratedLists: [TimelineList]?
        let costLimit: Int
        /// `list.exists(x, …)` over the rule's own list that joins `x` to the record on equal
        /// fields: a record needs a partner record of the person's, other than itself when the
        /// predicate also says `x.f != record.f`, whose joined fields may equal its own.
        let selfJoins: [SelfJoin]

        init(
            list: TimelineList?, requiredLists: [TimelineList], needsImprisonment: Bool, countBounds: [RulePlan.CountBound],
            recordMask: UInt64, personMask: UInt64, requirements: [(list: TimelineList, mask: UInt64)],
            iteratedLists: [TimelineList]?, costLimit: Int, selfJoins: [SelfJoin]
        ) {
            self.list = list
            self.requiredLists = requiredLists
            self.needsImprisonment = needsImprisonment
            self.countBounds = countBounds
            self.recordMask = recordMask
            self.personMask = personMask
            self.requirements = requirements
            self.iteratedLists = iteratedLists
            self.costLimit = costLimit
            self.selfJoins = selfJoins
        }
    }

    /// A join of a rule's record with the other records of its list (see ``Candidacy/selfJoins``).
    struct SelfJoin: Sendable {
        /// Record terms reading the partner alone.
        let mask: UInt64
        /// Columns that must hold equal values: the partner's, then the record's.
        let equal: [(partner: Int, record: Int)]
        let excludesSelf: Bool
    }

    init(plans: [RulePlan]) {
        var planner = ColumnPlanner()
        var recordTerms = [[ColumnPredicate]](repeating: [], count: TimelineList.allCases.count)
        var personTerms = [ColumnPredicate]()
        var nativeTerms = [NativeTerm]()
        var nativeKeys = [String: Int]()
        func bit(_ p: ColumnPredicate, in terms: inout [ColumnPredicate]) -> UInt64 {
            guard p.isInformative else { return 0 }
            if let n = terms.firstIndex(of: p) { return 1 << UInt64(n) }
            guard terms.count < 64 else { return 0 }
            terms.append(p)
            return 1 << UInt64(terms.count - 1)
        }
        var rules = [Candidacy]()
        for plan in plans {
            let scope = plan.rule.spec.scope
            let recordNames: Set<String> = scope.recordVariable.map { [$0, "record"] } ?? []
            var recordMask: UInt64 = 0
            var personMask: UInt64 = 0
            var requirements = [(list: TimelineList, mask: UInt64)]()
            var selfJoins = [SelfJoin]()
            // Only rules whose condition runs natively, as the plan's own record filters and
            // person gates: a term certainly false on a record (or for the person) makes the
            // condition false there (`false && x` is false in CEL, whatever `x` is).
            if plan.native != nil {
                let terms = RuleTrigger.conjuncts(plan.rule.condition.expression)
                // Whether every term before this one charges nothing: the interpreter runs the
                // terms left to right and stops at the first false one, so a term after only
                // cost-free ones starts with the whole budget, as it does alone.
                var costFreeBefore = true
                for (n, term) in terms.enumerated() {
                    let onlyCostFreeBefore = costFreeBefore
                    costFreeBefore = costFreeBefore && RulePlan.isCostFree(term)
                    // A cost-free term false anywhere makes the condition false, for a person
                    // rule too: the interpreter's `&&` is false once any operand is, whatever
                    // the others gave (an error, or a budget spent before it).
                    var answered = false
                    if let list = plan.list, RulePlan.isCostFree(term), RulePlan.mentions(term, recordNames) {
                        let p = planner.predicate(term, recordNames: recordNames, list: list)
                        let b = bit(p, in: &recordTerms[list.rawValue])
                        recordMask |= b
                        answered = b != 0
                    } else if RulePlan.isCostFree(term) {
                        let p = planner.predicate(term, recordNames: [], list: nil)
                        let b = bit(p, in: &personTerms)
                        personMask |= b
                        answered = b != 0
                    } else if let (list, body, variable) = Self.exists(term), plan.list != nil || n == 0 {
                        var mask: UInt64 = 0
                        for inner in RuleTrigger.conjuncts(body) where RulePlan.readsOnlyRecord(inner, [variable]) {
                            let p = planner.predicate(inner, recordNames: [variable], list: list)
                            mask |= bit(p, in: &recordTerms[list.rawValue])
                        }
                        requirements.append((list, mask))
                        if list == plan.list, !recordNames.contains(variable) {
                            var equal = [(partner: Int, record: Int)]()
                            var excludesSelf = false
                            for inner in RuleTrigger.conjuncts(body) {
                                guard case .call(let f, nil, let args) = inner.kind, f == "_==_" || f == "_!=_", args.count == 2,
                                    let (a, b) = Self.joinedFields(args[0], args[1], variable, recordNames),
                                    list.nativeReader(a) != nil, list.nativeReader(b) != nil
                                else { continue }
                                if f == "_!=_" {
                                    if a == b { excludesSelf = true }
                                } else {
                                    equal.append(
                                        (planner.column(ColumnKey(list: list, field: a)), planner.column(ColumnKey(list: list, field: b))))
                                }
                            }
                            if !equal.isEmpty { selfJoins.append(SelfJoin(mask: mask, equal: equal, excludesSelf: excludesSelf)) }
                        }
                    }
                    // What the columns cannot answer, the term's own native closure decides.
                    guard !answered else { continue }
                    let costFree = RulePlan.isCostFree(term)
                    guard costFree || onlyCostFreeBefore || plan.iteratedLists != nil else { continue }
                    let ofRecord = plan.list != nil && RulePlan.mentions(term, recordNames)
                    let list = ofRecord ? plan.list : nil
                    // An iterating term is its rule's own (its budget guard is the rule's).
                    let key = "\(list.map { "\($0)" } ?? "person") \(costFree ? "" : "rule \(rules.count)") \(NativeTerm.render(term))"
                    if let k = nativeKeys[key] {
                        nativeTerms[k].users.append(rules.count)
                        let b = nativeTerms[k].bit
                        if ofRecord { recordMask |= b } else { personMask |= b }
                        continue
                    }
                    guard case .success(let condition) = NativeCondition.compile(
                        term, recordList: plan.list, recordNames: recordNames, costLimit: plan.rule.condition.options.costLimit)
                    else { continue }
                    let predicate = ColumnPredicate.native(nativeTerms.count)
                    let b = list.map { bit(predicate, in: &recordTerms[$0.rawValue]) } ?? bit(predicate, in: &personTerms)
                    guard b != 0 else { continue }
                    nativeKeys[key] = nativeTerms.count
                    let fields = list.flatMap { list in
                        RulePlan.recordFields(term, recordNames).flatMap { names in
                            let readers = names.compactMap { list.nativeReader($0) }
                            return readers.count == names.count ? readers : nil
                        }
                    }
                    let iterates = !costFree && !onlyCostFreeBefore
                    let native = NativeTerm(
                        ordinal: nativeTerms.count, list: list, bit: b, condition: condition, iterates: iterates, users: [rules.count],
                        fields: fields)
                    // A term decided alone within its own budget (not after other charging
                    // terms) may have a column kernel.
                    if !iterates {
                        native.kernel = ColumnKernel.recognise(
                            term, list: list, recordNames: recordNames, costLimit: plan.rule.condition.options.costLimit)
                    }
                    native.text = NativeTerm.render(term, renaming: recordNames)
                    nativeTerms.append(native)
                    if ofRecord { recordMask |= b } else { personMask |= b }
                }
            }
            rules.append(
                Candidacy(
                    list: plan.list, requiredLists: plan.requiredLists, needsImprisonment: plan.needsImprisonment,
                    countBounds: plan.countBounds, recordMask: recordMask, personMask: personMask, requirements: requirements,
                    iteratedLists: plan.iteratedLists, costLimit: plan.rule.condition.options.costLimit - plan.fixedCharges,
                    selfJoins: selfJoins))
        }
        keys = planner.keys
        vocabularies = planner.vocabularies
        self.recordTerms = recordTerms
        self.personTerms = personTerms
        self.rules = rules
        quick = rules.map(QuickCandidacy.init)
        self.nativeTerms = nativeTerms
    }

    /// `list.exists(x, body)` over a timeline list: the list, the predicate and its variable.
    static func exists(_ term: Expr) -> (TimelineList, Expr, String)? {
        guard case .comprehension(let c) = term.kind, c.macro == .exists, c.macroArguments.count == 1,
            case .identifier(let name) = c.range.kind, let list = TimelineList(variable: name)
        else { return nil }
        return (list, c.macroArguments[0], c.iterationVariable)
    }

    /// `x.a` and `record.b` (either order): the partner's field and the record's.
    static func joinedFields(_ l: Expr, _ r: Expr, _ variable: String, _ recordNames: Set<String>) -> (String, String)? {
        func select(_ e: Expr) -> (String, String)? {
            guard case .select(let operand, let field, false) = e.kind, case .identifier(let name) = operand.kind else { return nil }
            return (name, field)
        }
        guard let (n1, f1) = select(l), let (n2, f2) = select(r) else { return nil }
        if n1 == variable && recordNames.contains(n2) { return (f1, f2) }
        if n2 == variable && recordNames.contains(n1) { return (f2, f1) }
        return nil
    }
}
