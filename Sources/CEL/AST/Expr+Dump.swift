extension Expr {
    /// A compact, deterministic rendering of the tree used by parser tests, e.g.
    /// `_+_(a, _*_(b, 2))`, `a.b~test-only`, `__comprehension__(x, list, @result, …)`.
    public var dump: String {
        switch kind {
        case .constant(let constant):
            switch constant {
            case .null: return "null"
            case .bool(let value): return String(value)
            case .int(let value): return String(value)
            case .uint(let value): return "\(value)u"
            case .double(let value): return String(value)
            case .string(let value): return CELValue.string(value).debugLiteral
            case .bytes(let value): return CELValue.bytes(value).debugLiteral
            }
        case .identifier(let name): return name
        case .select(let operand, let field, let testOnly):
            return "\(operand.dump).\(field)" + (testOnly ? "~test-only" : "")
        case .call(let function, let target, let arguments):
            let args = arguments.map(\.dump).joined(separator: ", ")
            if let target { return "\(target.dump).\(function)(\(args))" }
            return "\(function)(\(args))"
        case .list(let elements): return "[" + elements.map(\.dump).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { "\($0.key.dump): \($0.value.dump)" }.joined(separator: ", ") + "}"
        case .message(let typeName, let fields):
            return typeName + "{" + fields.map { "\($0.field): \($0.value.dump)" }.joined(separator: ", ") + "}"
        case .comprehension(let c):
            let parts = [
                c.iterationVariable, c.range.dump, c.accumulatorVariable, c.accumulatorInit.dump,
                c.loopCondition.dump, c.loopStep.dump, c.result.dump,
            ]
            return "__comprehension__(" + parts.joined(separator: ", ") + ")"
        }
    }
}
