/// Turns a parsed (and possibly checked) expression into a tree of evaluation nodes.
struct Planner {
    let source: SourceText
    let declarations: Declarations
    let layout: VariableLayout
    private var scopes: [(name: String, index: Int)] = []
    private(set) var localCount = 0

    init(source: SourceText, declarations: Declarations, layout: VariableLayout) {
        self.source = source
        self.declarations = declarations
        self.layout = layout
    }

    func location(_ expr: Expr) -> SourceLocation { source.location(of: expr.offset) }

    func local(_ name: String) -> Int? { scopes.last(where: { $0.name == name })?.index }

    mutating func plan(_ expr: Expr) -> Node {
        let here = location(expr)
        switch expr.kind {
        case .constant(let constant): return ConstantNode(Planner.value(of: constant), location: here)
        case .identifier(let name): return planName(name, fields: [], location: here)
        case .select(let operand, let field, let testOnly):
            if testOnly { return PresenceNode(operand: plan(operand), field: field, location: here) }
            if let (root, fields) = Planner.chain(expr), local(root) == nil || root.hasPrefix(".") {
                return planName(root, fields: fields, location: here)
            }
            return SelectNode(operand: plan(operand), field: field, location: here)
        case .call(let function, let target, let arguments):
            return planCall(function, target: target, arguments: arguments, location: here)
        case .list(let elements): return ListNode(elements.map { plan($0) }, location: here)
        case .map(let entries): return MapNode(entries.map { (plan($0.key), plan($0.value)) }, location: here)
        case .message(let typeName, let fields):
            let name = typeName.hasPrefix(".") ? String(typeName.dropFirst()) : typeName
            if let declared = declarations.candidates(for: name).first(where: { declarations.objects[$0] != nil }) {
                return MessageNode(
                    typeName: declared, fields: fields.map { ($0.field, plan($0.value)) }, location: here)
            }
            return ErrorNode(
                CELError(code: .undeclaredReference, reason: "unknown message type '\(typeName)'"),
                arguments: fields.map { plan($0.value) }, location: here)
        case .comprehension(let c): return planComprehension(c, location: here)
        }
    }

    static func value(of constant: Expr.Constant) -> CELValue {
        switch constant {
        case .null: return .null
        case .bool(let v): return .bool(v)
        case .int(let v): return .int(v)
        case .uint(let v): return .uint(v)
        case .double(let v): return .double(v)
        case .string(let v): return .string(v)
        case .bytes(let v): return .bytes(v)
        }
    }

    /// `a.b.c` → ("a", ["b", "c"]) when the expression is a pure identifier/select chain.
    static func chain(_ expr: Expr) -> (String, [String])? {
        switch expr.kind {
        case .identifier(let name): return (name, [])
        case .select(let operand, let field, false):
            guard let (root, fields) = chain(operand) else { return nil }
            return (root, fields + [field])
        default: return nil
        }
    }

    /// Resolves a (qualified) name against locals, declared variables (longest prefix first,
    /// container-relative) and type names.
    mutating func planName(_ root: String, fields: [String], location: SourceLocation) -> Node {
        if !root.hasPrefix("."), let index = local(root) {
            var node: Node = LocalNode(index: index, location: location)
            for field in fields { node = SelectNode(operand: node, field: field, location: location) }
            return node
        }
        // Fast path: a plain declared name without a container.
        if fields.isEmpty, declarations.container.isEmpty, let slot = layout.slots[root] {
            return VariableNode(name: root, slot: slot, location: location)
        }
        let prefixes = Declarations.prefixes(root, fields)
        var candidates: [NameNode.Candidate] = []
        for (name, rest) in prefixes {
            for qualified in declarations.candidates(for: name) {
                if let slot = layout.slots[qualified] {
                    let variable = VariableNode(name: qualified, slot: slot, location: location)
                    var node: Node = variable
                    for (index, field) in rest.enumerated() {
                        node = index == 0
                            ? VariableSelectNode(variable: variable, field: field, location: location)
                            : SelectNode(operand: node, field: field, location: location)
                    }
                    return node
                }
                candidates.append(NameNode.Candidate(variable: qualified, fields: Array(rest)))
            }
        }
        let display = prefixes[0].name
        let typeName = display.hasPrefix(".") ? String(display.dropFirst()) : display
        var typeValue: CELValue?
        if let type = declarations.type(named: typeName) { typeValue = .type(type) }
        return NameNode(candidates: candidates, typeValue: typeValue, display: display, location: location)
    }

    mutating func planComprehension(_ c: Expr.Comprehension, location: SourceLocation) -> Node {
        let range = plan(c.range)
        let variable = localCount
        localCount += 1
        scopes.append((c.iterationVariable, variable))
        defer { scopes.removeLast() }
        let kind: ComprehensionNode.Kind
        switch c.macro {
        case .all?: kind = .all(predicate: plan(c.macroArguments[0]))
        case .exists?: kind = .exists(predicate: plan(c.macroArguments[0]))
        case .existsOne?: kind = .existsOne(predicate: plan(c.macroArguments[0]))
        case .map?: kind = .map(transform: plan(c.macroArguments[0]), filter: nil)
        case .mapFilter?: kind = .map(transform: plan(c.macroArguments[1]), filter: plan(c.macroArguments[0]))
        case .filter?: kind = .filter(predicate: plan(c.macroArguments[0]))
        case nil:
            let accumulator = localCount
            localCount += 1
            scopes.removeLast()
            let initial = plan(c.accumulatorInit)
            scopes.append((c.iterationVariable, variable))
            scopes.append((c.accumulatorVariable, accumulator))
            defer { scopes.removeLast() }
            kind = .general(
                initial: initial, condition: plan(c.loopCondition), step: plan(c.loopStep), result: plan(c.result),
                accumulator: accumulator)
        }
        return ComprehensionNode(range: range, variable: variable, kind: kind, location: location)
    }
}
