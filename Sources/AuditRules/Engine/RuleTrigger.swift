import CEL
import FundWatchCore

/// What a rule's condition requires before it can be true, read from its CEL syntax tree, so the
/// engine skips persons and records that cannot match without running the interpreter.
///
/// Only top-level `&&` terms are used, and only shapes whose meaning is certain:
/// `payment.benefit == '…'`, `settlement.visit == '…'`, `enrollment.insurance == '…'`,
/// `contribution.insurance == '…'`, `contribution.back_payment`, `person.death_date != null`, `imprisoned(person, …)` and
/// `in_custody(person, …)`. Anything else leaves the rule to the interpreter, so the trigger
/// never changes a rule's result, only its cost.
struct RuleTrigger: Sendable {
    /// The record's code field must equal this value (benefit, visit kind or insurance).
    var code: String?
    var needsDeath = false
    var needsImprisonment = false
    var needsCustody = false
    /// The contribution must be a back payment (`contribution.back_payment`).
    var needsBackPayment = false

    init(_ expr: Expr, recordVariable: String?) {
        for term in Self.conjuncts(expr) {
            switch term.kind {
            case .call(function: "_==_", target: nil, let args) where args.count == 2:
                if case .select(let operand, let field, false) = args[0].kind,
                    case .identifier(let name) = operand.kind, name == recordVariable || name == "record",
                    ["benefit", "visit", "insurance"].contains(field),
                    case .constant(.string(let value)) = args[1].kind
                {
                    code = value
                }
            case .call(function: "_!=_", target: nil, let args) where args.count == 2:
                if case .select(let operand, "death_date", false) = args[0].kind, case .identifier("person") = operand.kind,
                    case .constant(.null) = args[1].kind
                {
                    needsDeath = true
                }
            case .select(let operand, "back_payment", false):
                if case .identifier(let name) = operand.kind, name == recordVariable || name == "record" {
                    needsBackPayment = true
                }
            case .call(function: "imprisoned", target: nil, _): needsImprisonment = true
            case .call(function: "in_custody", target: nil, _): needsCustody = true
            default: break
            }
        }
    }

    static func conjuncts(_ expr: Expr) -> [Expr] {
        if case .call(function: "_&&_", target: nil, let args) = expr.kind { return args.flatMap(conjuncts) }
        return [expr]
    }

    /// Whether the person can satisfy the rule at all.
    func admits(_ t: PersonTimeline) -> Bool {
        if needsDeath && t.deaths.isEmpty { return false }
        if needsCustody && t.custody.isEmpty { return false }
        if needsImprisonment && !t.custody.contains(where: { $0.kind == .imprisonment }) { return false }
        return true
    }
}
