extension CELEnvironment {
    /// Checks (when enabled) and plans an already parsed expression, such as one term of a larger
    /// condition, so a host can evaluate parts of a program separately. The expression's offsets
    /// refer to `source`, the text it was parsed from, for error locations.
    public func compile(_ expr: Expr, source text: String) throws(CELError) -> Program {
        let source = SourceText(text)
        var resultType = CELType.dyn
        if typeCheckingEnabled {
            var checker = Checker(source: source, declarations: declarations)
            resultType = try checker.check(expr)
        }
        let layout = VariableLayout(names: declarations.variableOrder)
        var planner = Planner(source: source, declarations: declarations, layout: layout)
        let root = planner.plan(expr)
        return Program(
            root: root, layout: layout, localCount: planner.localCount, resultType: resultType,
            options: evaluationOptions, expression: expr)
    }
}
