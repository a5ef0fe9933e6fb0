import CEL

/// A top-level term of a rule's condition that the columns cannot answer — a domain function of
/// the person and the record (`paid_count(person, 'pension', payment.period) > 1`,
/// `!account_in_household(person, payment.bank_account)`), a baseline, a comprehension over
/// another list — compiled natively on its own and decided in the batch's native pass
/// (``RuleEngine/decideNativeTerms(_:_:index:recordBits:personBits:workers:)``) for the records
/// (or persons) no earlier term has ruled out, before any rule runs. Where it is false, the
/// condition is false (`false && x` is false in CEL whatever `x` is), so the rule need not run.
struct NativeTerm: Sendable {
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
}

extension NativeTerm {
    /// A canonical text of an expression, so equal terms of different rules are decided once.
    static func render(_ e: Expr) -> String {
        switch e.kind {
        case .constant(let c): return "\(c)"
        case .identifier(let name): return name
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
