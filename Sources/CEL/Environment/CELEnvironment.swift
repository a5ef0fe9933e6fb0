/// Declarations and options for compiling CEL expressions.
///
/// ```swift
/// var env = CELEnvironment()
/// env.declareVariable("p", type: .object("fundwatch.Payment"))
/// let program = try env.compile("p.amount > 100.0")
/// let result = program.evaluate(["p": .object(payment)])
/// ```
public struct CELEnvironment: Sendable {
    var declarations = Declarations()
    /// Parser limits and macro switch.
    public var parserOptions = ParserOptions()
    /// Evaluation limits given to every program compiled from this environment.
    public var evaluationOptions = EvaluationOptions()
    /// Whether `compile` type-checks expressions (on by default). When off, names and
    /// overloads are resolved at evaluation time.
    public var typeCheckingEnabled = true

    /// An environment with the standard library and no variables.
    public init() {}

    /// The namespace used to resolve unqualified names (e.g. `com.example`).
    public var container: String {
        get { declarations.container }
        set { declarations.container = newValue }
    }

    /// Declares a variable and its type. Use `.dyn` when the type is not known in advance.
    public mutating func declareVariable(_ name: String, type: CELType) {
        if declarations.variables[name] == nil { declarations.variableOrder.append(name) }
        declarations.variables[name] = type
    }

    /// Declares a host object type (see ``CELObject``) with the types of its fields.
    public mutating func declareObject(_ typeName: String, fields: [String: CELType]) {
        declarations.objects[typeName] = fields
    }

    /// Registers a host function; overloads add to any already registered under the name.
    public mutating func register(_ function: CELFunction) {
        if var existing = declarations.functions[function.name] {
            existing.overloads += function.overloads
            declarations.functions[function.name] = existing
        } else {
            declarations.functions[function.name] = function
        }
    }

    /// Parses an expression without checking it.
    public func parse(_ text: String) throws(CELError) -> Expr {
        try Parser.parse(text, options: parserOptions)
    }

    /// Parses, checks (when enabled) and plans an expression. Throws a ``CELError`` with a source
    /// location for syntax errors, undeclared names, type errors and exceeded limits.
    public func compile(_ text: String) throws(CELError) -> Program {
        let source = SourceText(text)
        let expr = try Parser.parse(source, options: parserOptions)
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
