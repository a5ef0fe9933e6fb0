import CEL

// Reading the shapes of a rule's top-level terms. Each recogniser accepts only shapes whose
// value it can reproduce exactly; anything else returns nil and stays with the interpreter.

extension RulePlan {
    static let comparisons: Set<String> = ["_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_"]
    /// Functions whose results can grow with their input; the interpreter charges them to the
    /// cost budget (as it does `+`, literals and comprehensions).
    static let chargingFunctions: Set<String> = ["_+_", "replace", "join", "format", "split", "strings.quote"]

    /// The list a term needs to be non-empty: `list.exists(…)` over a timeline list (false on an
    /// empty list before the predicate runs), and the custody functions, as ``RuleTrigger`` reads them.
    static func requiredList(_ term: Expr) -> TimelineList? {
        switch term.kind {
        case .comprehension(let c) where c.macro == .exists:
            if case .identifier(let name) = c.range.kind { return TimelineList(variable: name) }
            return nil
        case .call("imprisoned", nil, _), .call("in_custody", nil, _):
            return .custody
        default:
            return nil
        }
    }

    /// `record.field <op> literal` (either way round), `record.field` or `!record.field`.
    static func recordTest(_ term: Expr, recordNames: Set<String>) -> RecordTest? {
        switch term.kind {
        case .select:
            return recordField(term, recordNames).map { RecordTest(field: $0, kind: .truth(negated: false)) }
        case .call("!_", nil, let args) where args.count == 1:
            return recordField(args[0], recordNames).map { RecordTest(field: $0, kind: .truth(negated: true)) }
        case .call(let function, nil, let args) where args.count == 2 && comparisons.contains(function):
            guard let op = CELBinaryOperator(function) else { return nil }
            if let field = recordField(args[0], recordNames), case .constant(let c) = args[1].kind {
                return RecordTest(
                    field: field, kind: .compare(function: function, operator: op, literal: literal(c), fieldOnRight: false))
            }
            if let field = recordField(args[1], recordNames), case .constant(let c) = args[0].kind {
                return RecordTest(
                    field: field, kind: .compare(function: function, operator: op, literal: literal(c), fieldOnRight: true))
            }
            return nil
        default:
            return nil
        }
    }

    /// `record.field <op> other` or `other <op> record.field`, for any `other`.
    static func fieldComparison(_ term: Expr, recordNames: Set<String>) -> (String, String, Expr, Bool)? {
        guard case .call(let function, nil, let args) = term.kind, args.count == 2, comparisons.contains(function)
        else { return nil }
        if let field = recordField(args[0], recordNames) { return (field, function, args[1], false) }
        if let field = recordField(args[1], recordNames) { return (field, function, args[0], true) }
        return nil
    }

    /// `paid_count(person, 'benefit', record.period) > k` and `>= k` (either way round): the
    /// function can only return a count, never an error, for these arguments.
    static func countBound(_ term: Expr, recordNames: Set<String>) -> CountBound? {
        guard case .call(let function, nil, let args) = term.kind, args.count == 2 else { return nil }
        let (call, bound, strict): (Expr, Expr, Bool)
        switch function {
        case "_>_": (call, bound, strict) = (args[0], args[1], true)
        case "_>=_": (call, bound, strict) = (args[0], args[1], false)
        case "_<_": (call, bound, strict) = (args[1], args[0], true)
        case "_<=_": (call, bound, strict) = (args[1], args[0], false)
        default: return nil
        }
        guard case .constant(.int(let k)) = bound.kind, k > Int64.min,
            case .call("paid_count", nil, let callArgs) = call.kind, callArgs.count == 3,
            case .identifier("person") = callArgs[0].kind,
            case .constant(.string(let benefit)) = callArgs[1].kind,
            recordField(callArgs[2], recordNames) == "period"
        else { return nil }
        return CountBound(kind: .paymentsInOneMonth(benefit: benefit), limit: strict ? k : k - 1)
    }

    /// The field name when `expr` is `record.field` on the record under evaluation.
    static func recordField(_ expr: Expr, _ recordNames: Set<String>) -> String? {
        if case .select(let operand, let field, false) = expr.kind, case .identifier(let name) = operand.kind,
            recordNames.contains(name)
        {
            return field
        }
        return nil
    }

    static func literal(_ constant: Expr.Constant) -> CELValue {
        switch constant {
        case .null: .null
        case .bool(let v): .bool(v)
        case .int(let v): .int(v)
        case .uint(let v): .uint(v)
        case .double(let v): .double(v)
        case .string(let v): .string(v)
        case .bytes(let v): .bytes(v)
        }
    }

    /// Whether the expression names any of `names` (conservatively: anywhere, even shadowed).
    static func mentions(_ expr: Expr, _ names: Set<String>) -> Bool {
        switch expr.kind {
        case .constant: return false
        case .identifier(let name): return names.contains(name)
        case .select(let operand, _, _): return mentions(operand, names)
        case .call(_, let target, let args):
            return (target.map { mentions($0, names) } ?? false) || args.contains { mentions($0, names) }
        case .list(let elements): return elements.contains { mentions($0, names) }
        case .map(let entries): return entries.contains { mentions($0.key, names) || mentions($0.value, names) }
        case .message(_, let fields): return fields.contains { mentions($0.value, names) }
        case .comprehension(let c):
            return [c.range, c.accumulatorInit, c.loopCondition, c.loopStep, c.result].contains { mentions($0, names) }
        }
    }

    /// Whether the expression reads nothing but the record under evaluation and literals, and
    /// charges nothing to the cost budget.
    static func readsOnlyRecord(_ expr: Expr, _ recordNames: Set<String>) -> Bool {
        switch expr.kind {
        case .constant: return true
        case .identifier(let name): return recordNames.contains(name)
        case .select(let operand, _, _): return readsOnlyRecord(operand, recordNames)
        case .call(let function, let target, let args):
            return !chargingFunctions.contains(function) && (target.map { readsOnlyRecord($0, recordNames) } ?? true)
                && args.allSatisfy { readsOnlyRecord($0, recordNames) }
        case .list, .map, .message, .comprehension: return false
        }
    }

    /// Whether evaluating the expression charges nothing to the cost budget, so evaluated alone
    /// it gives exactly the value it has inside the whole condition.
    static func isCostFree(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .constant, .identifier: return true
        case .select(let operand, _, _): return isCostFree(operand)
        case .call(let function, let target, let args):
            return !chargingFunctions.contains(function) && (target.map(isCostFree) ?? true) && args.allSatisfy(isCostFree)
        case .list, .map, .message, .comprehension: return false
        }
    }

    /// The record fields a term reads, sorted, when it uses the record only as `record.field`
    /// (so its value is a function of the person and those fields); nil otherwise.
    static func recordFields(_ term: Expr, _ recordNames: Set<String>) -> [String]? {
        var fields = Set<String>()
        func walk(_ expr: Expr) -> Bool {
            if let field = recordField(expr, recordNames) {
                fields.insert(field)
                return true
            }
            switch expr.kind {
            case .constant: return true
            case .identifier(let name): return !recordNames.contains(name)
            case .select(let operand, _, _): return walk(operand)
            case .call(_, let target, let args): return (target.map(walk) ?? true) && args.allSatisfy(walk)
            case .list(let elements): return elements.allSatisfy(walk)
            case .map(let entries): return entries.allSatisfy { walk($0.key) && walk($0.value) }
            case .message(_, let values): return values.allSatisfy { walk($0.value) }
            case .comprehension(let c):
                // A loop variable named like the record would hide it: leave such terms alone.
                guard !recordNames.contains(c.iterationVariable), !recordNames.contains(c.accumulatorVariable) else {
                    return false
                }
                return [c.range, c.accumulatorInit, c.loopCondition, c.loopStep, c.result].allSatisfy(walk)
            }
        }
        return walk(term) ? fields.sorted() : nil
    }

    /// The timeline lists iterated by the condition's comprehensions, one entry per
    /// comprehension, when they are its only cost: each ranges over a list variable and holds no
    /// other comprehension, and nothing else is charged. Then the condition's cost for a person
    /// is at most the sum of those lists' lengths. Nil when the cost has no such bound.
    static func iteratedLists(_ expr: Expr) -> [TimelineList]? { costBound(expr)?.lists }

    /// The condition's cost bound: the lists its comprehensions iterate (one unit per element,
    /// as ``iteratedLists(_:)``) plus a fixed number of units, one for each addition outside a
    /// loop with an operand that is certainly a number (`median + 8.0 * mad`): its result is a
    /// number or an error, which the interpreter charges one unit (a string or list sum is
    /// charged its length, which has no such bound). Nil when the cost has no such bound.
    static func costBound(_ expr: Expr) -> (lists: [TimelineList], fixed: Int)? {
        var lists = [TimelineList]()
        var fixed = 0
        func walk(_ expr: Expr, inLoop: Bool) -> Bool {
            switch expr.kind {
            case .constant, .identifier: return true
            case .select(let operand, _, _): return walk(operand, inLoop: inLoop)
            case .call(let function, let target, let args):
                if function == "_+_", !inLoop, target == nil, args.count == 2, args.contains(where: isCertainlyNumber) {
                    fixed += 1
                    return args.allSatisfy { walk($0, inLoop: inLoop) }
                }
                return !chargingFunctions.contains(function) && (target.map { walk($0, inLoop: inLoop) } ?? true)
                    && args.allSatisfy { walk($0, inLoop: inLoop) }
            case .list, .map, .message: return false
            case .comprehension(let c):
                guard !inLoop, case .identifier(let name) = c.range.kind, let list = TimelineList(variable: name) else {
                    return false
                }
                lists.append(list)
                // A standard macro runs as a direct loop (its expansion's list building is not run).
                let parts = c.macro != nil ? c.macroArguments : [c.accumulatorInit, c.loopCondition, c.loopStep, c.result]
                return parts.allSatisfy { walk($0, inLoop: true) }
            }
        }
        return walk(expr, inLoop: false) ? (lists, fixed) : nil
    }

    /// Whether an expression's value is certainly a number (or an error): a numeric literal, or
    /// an operator or conversion defined on numbers only.
    static func isCertainlyNumber(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .constant(.int), .constant(.uint), .constant(.double): return true
        case .call(let function, nil, _):
            return ["_*_", "_/_", "_%_", "-_", "double", "int", "uint"].contains(function)
        default: return false
        }
    }

    /// Calendar functions that are monotone (never decreasing, or never increasing) in the given
    /// argument when the others are fixed, and defined for every well-formed date or month.
    static let monotoneArguments: [String: Set<Int>] = [
        "first_day": [0], "period_of": [0], "add_months": [0], "age_at": [1], "months_between": [0, 1],
        "days_between": [0, 1],
    ]

    /// Whether a term is monotone in one record field: an order comparison (or its negation)
    /// between a record-free side and a chain of monotone functions over the field. Then the
    /// term is false for every value between two values where it is false.
    static func isMonotone(_ term: Expr, _ recordNames: Set<String>) -> Bool {
        switch term.kind {
        case .call("!_", nil, let args) where args.count == 1:
            return isMonotone(args[0], recordNames)
        case .call(let function, nil, let args) where args.count == 2 && ["_<_", "_<=_", "_>_", "_>=_"].contains(function):
            if !mentions(args[1], recordNames) { return monotoneChain(args[0], recordNames) }
            if !mentions(args[0], recordNames) { return monotoneChain(args[1], recordNames) }
            return false
        default:
            return false
        }
    }

    static func monotoneChain(_ expr: Expr, _ recordNames: Set<String>) -> Bool {
        if recordField(expr, recordNames) != nil { return true }
        guard case .call(let function, nil, let args) = expr.kind, let monotone = monotoneArguments[function] else {
            return false
        }
        let varying = args.indices.filter { mentions(args[$0], recordNames) }
        guard varying.count == 1, monotone.contains(varying[0]) else { return false }
        return monotoneChain(args[varying[0]], recordNames)
    }
}
