import CEL
import FundWatchCore

/// How the batch runs one rule cheaply, derived once from the rule's CEL syntax tree: tests that
/// rule out a person or a record natively, so the interpreter runs only on candidates.
///
/// Every test is a top-level `&&` term of the condition, run with the interpreter's own
/// semantics (``CELValue/applyOperator(_:_:_:)``, the record objects' own fields, the term
/// compiled as its own program). A test removes a person or a record only when its term is
/// certainly `false` there; `false && anything` is `false` in CEL, so the condition is false
/// too and the rule's outcome cannot change. A term the analysis does not understand is simply
/// left to the interpreter: a rule that cannot be indexed still runs, and gives the same result.
///
/// The kinds of test, cheapest first:
/// - lists that must not be empty (`payments.exists(…)`, `imprisoned(person, …)`, …), read from
///   the list sizes;
/// - record field against a literal (`payment.benefit == 'pension'`, `contribution.back_payment`);
/// - record field against a person-level value (`payment.period < retirement_period(person)`):
///   the value is computed once per person, then compared with each record natively;
/// - any other term that reads the record only through its fields: run once per person and
///   distinct field values (`person.death_date != null` once per person,
///   `!account_in_household(person, payment.bank_account)` once per account);
/// - bounds of count functions (`paid_count(person, 'pension', payment.period) > 1` needs two
///   positive pension payments in one month): one pass over the person's payments.
final class RulePlan: @unchecked Sendable {
    let rule: CompiledRule
    /// The records the rule is evaluated over; nil for person-scoped rules.
    let list: TimelineList?
    /// Lists that must hold at least one record.
    private(set) var requiredLists: [TimelineList] = []
    /// The person must have an imprisonment (`imprisoned(person, …)`).
    private(set) var needsImprisonment = false
    private(set) var countBounds: [CountBound] = []
    private(set) var recordTests: [RecordTest] = []
    /// Where each record test's results are kept for a person, shared by every rule that has
    /// the same test (set by the engine, which numbers the distinct tests of its rules).
    var recordTestSlots: [Int] = []
    private(set) var valueTests: [ValueTest] = []
    /// Other terms, each compiled alone, whose value depends on the record only through some of
    /// its fields: run once per distinct value of those fields (once per person with none).
    private(set) var keyedTerms: [KeyedTerm] = []
    /// The record fields the whole condition reads, when it reads the record only through its
    /// fields: the condition is then run once per distinct value of them.
    private(set) var conditionReaders: [FieldReader]?
    /// The timeline lists the condition's comprehensions iterate over, one entry each; nil when
    /// the condition's cost cannot be bounded that way (see ``KeyedTerm/iterates``).
    private(set) var iteratedLists: [TimelineList]?
    /// Units the condition may charge beyond one per element of ``iteratedLists`` (numeric
    /// additions, ``RulePlan/costBound(_:)``): the lists must stay below the budget less these.
    private(set) var fixedCharges = 0
    /// The whole condition compiled natively; nil when it uses a construct the native compiler
    /// does not cover (``nativeRefusal`` says which), and the tests above serve instead.
    private(set) var native: NativeCondition?
    /// Why the condition stays with the interpreter, when it does.
    private(set) var nativeRefusal: String?
    /// Top-level terms of a record-scoped condition that read neither the record nor anything
    /// that charges the cost budget (`person.death_date != null`, `contribution_shortfall(person)
    /// > 0`), compiled natively on their own: run once per person before the records, and a term
    /// that is false there makes the condition false for every record (`false && x` is false in
    /// CEL whatever `x` is, an error included), so the records need not be visited at all.
    private(set) var personGates: [NativeCondition] = []
    /// Top-level terms of a record-scoped condition that read only the record (`payment.benefit
    /// == 'survivor'`, `contribution.back_payment`), compiled natively on their own: a record
    /// where one is false cannot match, and a person with no record left is done before the
    /// person gates (which may look up other persons) run.
    private(set) var recordFilters: [NativeCondition] = []

    /// A record field compared with a literal, or a bare boolean field (`truth`).
    struct RecordTest: Sendable {
        enum Kind: Sendable {
            /// `field <op> literal`, or `literal <op> field` when `fieldOnRight`.
            case compare(function: String, operator: CELBinaryOperator, literal: CELValue, fieldOnRight: Bool)
            /// The field itself is the term; `negated` for `!field`.
            case truth(negated: Bool)
        }
        let field: String
        let kind: Kind
        /// Reads the field from a record of the rule's list (set once the list is known).
        var read: FieldReader?

        /// Identifies equal tests across rules.
        var key: String {
            switch kind {
            case .compare(let function, _, let literal, let fieldOnRight): "\(field) \(function) \(literal) \(fieldOnRight)"
            case .truth(let negated): "\(field) \(negated)"
            }
        }
    }

    /// A record test on one list, as the engine shares it between rules.
    struct SharedTest: Sendable {
        let list: TimelineList
        let test: RecordTest
    }

    /// A record field compared with a value that depends only on the person.
    struct ValueTest: Sendable {
        let field: String
        let read: FieldReader
        let function: String
        let `operator`: CELBinaryOperator
        let value: Program
        let fieldOnRight: Bool
    }

    /// A term run alone, keyed by the record fields it reads.
    struct KeyedTerm: Sendable {
        let program: Program
        let fields: [String]
        let readers: [FieldReader]
        /// Whether the term iterates (a comprehension): alone it is charged less than inside the
        /// whole condition, so it is used only when the whole condition cannot reach the budget.
        let iterates: Bool
        /// Whether the term is monotone in its one field (``RulePlan/isMonotone(_:_:)``): false
        /// at the smallest and the largest value means false for every record.
        var monotone = false
    }

    /// `count(person, …) > limit`: the person needs more than `limit` of something.
    struct CountBound: Sendable {
        enum Kind: Sendable {
            /// Positive payments of one benefit (any benefit when nil) in one month.
            case paymentsInOneMonth(benefit: String?)
        }
        let kind: Kind
        let limit: Int64
        /// The counted benefit as its case, resolved once (`nil` in `benefit`: any benefit;
        /// a text no benefit has: none), so a payment is tested without building its text.
        let benefit: Benefit??

        init(kind: Kind, limit: Int64) {
            self.kind = kind
            self.limit = limit
            switch kind {
            case .paymentsInOneMonth(let text): benefit = text.map { Benefit(rawValue: $0) }
            }
        }
    }

    init(_ rule: CompiledRule) {
        self.rule = rule
        let scope = rule.spec.scope
        list = scope.recordList
        let recordNames: Set<String> = scope.recordVariable.map { [$0, "record"] } ?? []
        let env = RuleEnvironment.make(scope: scope)
        if let bound = Self.costBound(rule.condition.expression) {
            iteratedLists = bound.lists
            fixedCharges = bound.fixed
        }
        func compile(_ expr: Expr) -> Program? { try? env.compile(expr, source: rule.spec.when) }
        for term in RuleTrigger.conjuncts(rule.condition.expression) {
            if let list = Self.requiredList(term) {
                if !requiredLists.contains(list) { requiredLists.append(list) }
                if case .call("imprisoned", nil, _) = term.kind { needsImprisonment = true }
                continue
            }
            if let bound = Self.countBound(term, recordNames: recordNames) {
                countBounds.append(bound)
            } else if var test = Self.recordTest(term, recordNames: recordNames), let read = list?.reader(test.field) {
                test.read = read
                recordTests.append(test)
            } else if let (field, function, other, fieldOnRight) = Self.fieldComparison(term, recordNames: recordNames),
                let read = list?.reader(field), !Self.mentions(other, recordNames), Self.isCostFree(other),
                let program = compile(other), let op = CELBinaryOperator(function)
            {
                valueTests.append(
                    ValueTest(
                        field: field, read: read, function: function, operator: op, value: program, fieldOnRight: fieldOnRight))
            } else if let fields = Self.recordFields(term, recordNames),
                Self.isCostFree(term) || iteratedLists != nil, let program = compile(term)
            {
                let readers = fields.compactMap { list?.reader($0) }
                guard readers.count == fields.count else { continue }
                var keyed = KeyedTerm(program: program, fields: fields, readers: readers, iterates: !Self.isCostFree(term))
                keyed.monotone = fields.count == 1 && !keyed.iterates && Self.isMonotone(term, recordNames)
                keyedTerms.append(keyed)
            }
        }
        if let list, let fields = Self.recordFields(rule.condition.expression, recordNames) {
            let readers = fields.compactMap { list.reader($0) }
            if readers.count == fields.count { conditionReaders = readers }
        }
        switch NativeCondition.compile(rule) {
        case .success(let condition): native = condition
        case .failure(let refusal): nativeRefusal = refusal.reason
        }
        if native != nil, let list {
            for term in RuleTrigger.conjuncts(rule.condition.expression)
            where !Self.mentions(term, recordNames) && Self.isCostFree(term) {
                if case .success(let gate) = NativeCondition.compile(
                    term, recordList: list, recordNames: recordNames, costLimit: rule.condition.options.costLimit)
                {
                    personGates.append(gate)
                }
            }
            let terms = RuleTrigger.conjuncts(rule.condition.expression)
            for term in terms where terms.count > 1 && Self.readsOnlyRecord(term, recordNames) {
                if case .success(let filter) = NativeCondition.compile(
                    term, recordList: list, recordNames: recordNames, costLimit: rule.condition.options.costLimit)
                {
                    recordFilters.append(filter)
                }
            }
        }
        // Cheapest first: terms of the person alone, then those with fewer fields to key on.
        keyedTerms.sort { ($0.iterates ? 1 : 0, $0.fields.count) < ($1.iterates ? 1 : 0, $1.fields.count) }
    }

    /// Whether any test applies, i.e. the plan can do better than running every subject.
    var isIndexed: Bool {
        !requiredLists.isEmpty || !recordTests.isEmpty || !keyedTerms.isEmpty || !valueTests.isEmpty
            || !countBounds.isEmpty
    }
}

extension RuleScope {
    /// The timeline list whose records a rule of this scope evaluates.
    var recordList: TimelineList? {
        switch self {
        case .person: nil
        case .benefitPayment: .payments
        case .medicalSettlement: .settlements
        case .enrollment: .enrollments
        case .contribution: .contributions
        case .injuryClaim: .injuries
        }
    }
}
