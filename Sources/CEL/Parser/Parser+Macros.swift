extension Parser {
    /// The accumulator variable used by macro expansions.
    static let accumulator = "@result"

    /// Expands `has(a.b)`; other global calls stay calls.
    mutating func expandGlobalCall(_ name: String, arguments: [Expr], offset: Int) throws(CELError) -> Expr {
        guard options.macrosEnabled, name == "has", arguments.count == 1 else {
            return call(offset, name, arguments)
        }
        guard case .select(let operand, let field, false) = arguments[0].kind else {
            throw .syntax("invalid argument to has() macro", at: source.location(of: arguments[0].offset))
        }
        return node(offset, .select(operand: operand, field: field, testOnly: true))
    }

    /// Expands the receiver macros `all`, `exists`, `exists_one`, `map` and `filter`.
    mutating func expandReceiverCall(_ name: String, target: Expr, arguments: [Expr], offset: Int) throws(CELError)
        -> Expr
    {
        guard options.macrosEnabled else { return call(offset, name, arguments, target: target) }
        let macro: Expr.Macro
        switch (name, arguments.count) {
        case ("all", 2): macro = .all
        case ("exists", 2): macro = .exists
        case ("exists_one", 2): macro = .existsOne
        case ("map", 2): macro = .map
        case ("map", 3): macro = .mapFilter
        case ("filter", 2): macro = .filter
        default: return call(offset, name, arguments, target: target)
        }
        guard case .identifier(let variable) = arguments[0].kind, !variable.hasPrefix(".") else {
            throw .syntax("argument must be a simple name", at: source.location(of: arguments[0].offset))
        }
        let accu = Parser.accumulator
        let rest = Array(arguments.dropFirst())
        func ident(_ name: String) -> Expr { node(offset, .identifier(name)) }
        func bool(_ value: Bool) -> Expr { node(offset, .constant(.bool(value))) }
        let initial: Expr
        let condition: Expr
        let step: Expr
        let result: Expr
        switch macro {
        case .all:
            initial = bool(true)
            condition = call(offset, Operator.notStrictlyFalse, [ident(accu)])
            step = call(offset, Operator.logicalAnd, [ident(accu), rest[0]])
            result = ident(accu)
        case .exists:
            initial = bool(false)
            condition = call(offset, Operator.notStrictlyFalse, [call(offset, Operator.logicalNot, [ident(accu)])])
            step = call(offset, Operator.logicalOr, [ident(accu), rest[0]])
            result = ident(accu)
        case .existsOne:
            initial = node(offset, .constant(.int(0)))
            condition = bool(true)
            let increment = call(offset, Operator.add, [ident(accu), node(offset, .constant(.int(1)))])
            step = call(offset, Operator.conditional, [rest[0], increment, ident(accu)])
            result = call(offset, Operator.equals, [ident(accu), node(offset, .constant(.int(1)))])
        case .map:
            initial = node(offset, .list(elements: []))
            condition = bool(true)
            step = call(offset, Operator.add, [ident(accu), node(offset, .list(elements: [rest[0]]))])
            result = ident(accu)
        case .mapFilter:
            initial = node(offset, .list(elements: []))
            condition = bool(true)
            let append = call(offset, Operator.add, [ident(accu), node(offset, .list(elements: [rest[1]]))])
            step = call(offset, Operator.conditional, [rest[0], append, ident(accu)])
            result = ident(accu)
        case .filter:
            initial = node(offset, .list(elements: []))
            condition = bool(true)
            let append = call(offset, Operator.add, [ident(accu), node(offset, .list(elements: [ident(variable)]))])
            step = call(offset, Operator.conditional, [rest[0], append, ident(accu)])
            result = ident(accu)
        }
        let comprehension = Expr.Comprehension(
            iterationVariable: variable, range: target, accumulatorVariable: accu, accumulatorInit: initial,
            loopCondition: condition, loopStep: step, result: result, macro: macro, macroArguments: rest)
        return node(offset, .comprehension(comprehension))
    }
}
