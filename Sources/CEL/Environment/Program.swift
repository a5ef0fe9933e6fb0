/// A compiled expression: checked once, evaluated many times, safe to share between threads.
public struct Program: Sendable {
    let root: Node
    let layout: VariableLayout
    let localCount: Int
    /// The type the checker inferred for the expression (`dyn` when unchecked).
    public let resultType: CELType
    /// Limits applied to each evaluation.
    public let options: EvaluationOptions
    /// The parsed expression.
    public let expression: Expr

    init(root: Node, layout: VariableLayout, localCount: Int, resultType: CELType, options: EvaluationOptions, expression: Expr) {
        self.root = root
        self.layout = layout
        self.localCount = localCount
        self.resultType = resultType
        self.options = options
        self.expression = expression
    }

    /// Empty variable storage laid out for this program's declared variables (fastest activation).
    public func makeVariables() -> CELVariables { CELVariables(layout: layout) }

    /// Evaluates with any activation. Never throws: failures are ``CELValue/error(_:)``.
    public func evaluate(_ activation: any CELActivation) -> CELValue {
        if let variables = activation as? CELVariables { return evaluate(variables) }
        var frame = Frame(
            activation: activation, slots: [], hasSlots: false,
            locals: Array(repeating: .null, count: localCount), costLimit: options.costLimit)
        return root.eval(&frame)
    }

    /// Evaluates with a host activation that resolves names itself (not a ``CELVariables``),
    /// skipping the check for slot variables; for hosts that evaluate many times.
    public func evaluate(resolving activation: any CELActivation) -> CELValue {
        var frame = Frame(
            activation: activation, slots: [], hasSlots: false,
            locals: localCount == 0 ? [] : Array(repeating: .null, count: localCount), costLimit: options.costLimit)
        return root.eval(&frame)
    }

    /// Evaluates with slot-based variables.
    public func evaluate(_ variables: CELVariables) -> CELValue {
        let sameLayout = variables.layout === layout
        var frame = Frame(
            activation: sameLayout && variables.extra.isEmpty ? nil : variables,
            slots: sameLayout ? variables.values : [], hasSlots: sameLayout,
            locals: localCount == 0 ? [] : Array(repeating: .null, count: localCount), costLimit: options.costLimit)
        return root.eval(&frame)
    }

    /// Evaluates with variables given by name.
    public func evaluate(_ bindings: [String: CELValue] = [:]) -> CELValue {
        evaluate(CELDictionaryActivation(bindings))
    }
}
