import CEL

/// A top-level term of a rule's condition that the columns cannot answer — a domain function of
/// the person and the record (`paid_count(person, 'pension', payment.period) > 1`,
/// `!account_in_household(person, payment.bank_account)`), a baseline, a comprehension over
/// another list — compiled natively on its own and decided in the batch's native pass
/// (``RuleEngine/decideNativeTerms(_:_:index:_:workers:)``) for the records
/// (or persons) no earlier term has ruled out, before any rule runs. Where it is false, the
/// condition is false (`false && x` is false in CEL whatever `x` is), so the rule need not run.
final class NativeTerm: @unchecked Sendable {
    /// Its position in ``ColumnPlan/nativeTerms`` (``ColumnPredicate/native(_:)`` names it so).
    let ordinal: Int
    /// The list whose records the term reads; nil for a term of the person alone.
    let list: TimelineList?
    /// Its bit among the terms of ``list`` (``ColumnPlan/recordTerms``), or among the person
    /// terms when ``list`` is nil.
    let bit: UInt64
    let condition: NativeCondition
    /// Whether the term charges the cost budget after other terms that may charge it too: it
    /// then belongs to one rule and is decided only for persons whose lists cannot exhaust that
    /// rule's budget, since an exhausted budget is an error the interpreter reports rather than
    /// a false condition. (A charging term after cost-free ones alone is not guarded: it starts
    /// with the whole budget in the condition as it does alone, and its native closure answers
    /// nil rather than false once it has spent the budget.)
    let iterates: Bool
    /// The rules (positions in ``ColumnPlan/rules``) whose condition has this term.
    var users: [Int]
    /// Readers of the record fields the term reads, when it reads the record only through them
    /// (``RulePlan/recordFields(_:_:)``): its value is then a function of the person and those
    /// fields, so a record whose fields are identical to the previous record's has its value
    /// (one bank account for every month of a pension).
    let fields: [NativeFieldReader]?
    /// The term's column kernel, when it has one (``ColumnKernel``): decided over the whole
    /// column in one pass before the per-person pass, which then runs the closure only on the
    /// records the kernel left undecided.
    var kernel: ColumnKernel?
    /// The term's canonical text (``render(_:renaming:)``), for diagnostics.
    var text = ""

    /// A term of one rule so far (``users`` grows as other rules turn out to share it, while
    /// the plan is built; read-only afterwards).
    init(
        ordinal: Int, list: TimelineList?, bit: UInt64, condition: NativeCondition, iterates: Bool, users: [Int],
        fields: [NativeFieldReader]?
    ) {
        self.ordinal = ordinal
        self.list = list
        self.bit = bit
        self.condition = condition
        self.iterates = iterates
        self.users = users
        self.fields = fields
    }
}

extension NativeTerm {
    /// A canonical text of an expression, so equal terms of different rules are decided once.
    /// With `renaming`, the names of the record (`payment`, `record`) read as `R`, so a term can
    /// be compared with a template whatever the rule's scope calls its record.
    static func render(_ e: Expr, renaming: Set<String> = []) -> String {
        let render = { (e: Expr) in Self.render(e, renaming: renaming) }
        switch e.kind {
        case .constant(let c): return "\(c)"
        case .identifier(let name): return renaming.contains(name) ? "R" : name
        case .select(let operand, let field, let testOnly): return "\(testOnly ? "has" : "")(\(render(operand)).\(field))"
        case .call(let function, let target, let args):
            return "\(target.map { render($0) + "." } ?? "")\(function)(\(args.map(render).joined(separator: ",")))"
        case .list(let elements): return "[\(elements.map(render).joined(separator: ","))]"
        case .map(let entries): return "{\(entries.map { render($0.key) + ":" + render($0.value) }.joined(separator: ","))}"
        case .message(let type, let fields): return "\(type){\(fields.map { $0.field + ":" + render($0.value) }.joined(separator: ","))}"
        case .comprehension(let c):
            let parts = [c.range, c.accumulatorInit, c.loopCondition, c.loopStep, c.result].map(render)
            return "fold(\(c.iterationVariable),\(c.accumulatorVariable),\(parts.joined(separator: ",")))"
        }
    }
}

extension NativeValue {
    /// Whether two values are the same value of the same case, bit for bit (a function given
    /// either returns the same).
    @inline(__always)
    static func identical(_ a: NativeValue, _ b: NativeValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
        case (.string(let x), .string(let y)): return RulePlan.sameBytes(x, y)
        case (.date(let x), .date(let y)), (.period(let x), .period(let y)): return x == y
        default: return false
        }
    }
}
