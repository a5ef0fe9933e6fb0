extension Planner {
    mutating func planCall(_ function: String, target: Expr?, arguments: [Expr], location: SourceLocation) -> Node {
        // Non-strict operators first.
        switch (function, target, arguments.count) {
        case (Operator.logicalAnd, nil, 2), (Operator.logicalOr, nil, 2):
            var operands: [Expr] = []
            Planner.flatten(function, arguments, into: &operands)
            if operands.count == 2 {
                return function == Operator.logicalAnd
                    ? AndNode(plan(operands[0]), plan(operands[1]), location: location)
                    : OrNode(plan(operands[0]), plan(operands[1]), location: location)
            }
            return LogicalChainNode(
                operands: operands.map { plan($0) }, isAnd: function == Operator.logicalAnd, location: location)
        case (Operator.conditional, nil, 3):
            return ConditionalNode(plan(arguments[0]), plan(arguments[1]), plan(arguments[2]), location: location)
        case (Operator.notStrictlyFalse, nil, 1):
            return NotStrictlyFalseNode(plan(arguments[0]), location: location)
        default: break
        }
        // `ns.fn(x)` may name a namespaced global function rather than a member call.
        if let target, let (root, fields) = Planner.chain(target), local(root) == nil {
            let qualified = ([root] + fields).joined(separator: ".") + "." + function
            let name = qualified.hasPrefix(".") ? String(qualified.dropFirst()) : qualified
            if !isVariable(root: root, fields: fields), isFunction(name) {
                return planGlobal(name, arguments.map { plan($0) }, isMember: false, location: location)
            }
        }
        var nodes: [Node] = []
        if let target { nodes.append(plan(target)) }
        nodes += arguments.map { plan($0) }
        let name = function.hasPrefix(".") ? String(function.dropFirst()) : function
        if target == nil, nodes.count == 2, declarations.functions[name] == nil,
            let operation = OperatorNode.operation(for: name)
        {
            return OperatorNode(operation, nodes[0], nodes[1], location: location)
        }
        // Constant regular expressions are compiled once.
        if name == "matches", nodes.count == 2, case .constant(.string(let pattern)) = arguments.last?.kind {
            switch Regex.compile(pattern) {
            case .success(let compiled):
                return BinaryNode(nodes[0], nodes[1], function: { Regex.matches($0, $1, cache: compiled) }, location: location)
            case .failure(let error):
                return ErrorNode(error, arguments: nodes, location: location)
            }
        }
        return planGlobal(name, nodes, isMember: target != nil, location: location)
    }

    /// Collects the operands of a left- or right-nested chain of the same logical operator.
    static func flatten(_ function: String, _ arguments: [Expr], into operands: inout [Expr]) {
        for argument in arguments {
            if case .call(let inner, nil, let innerArguments) = argument.kind, inner == function, innerArguments.count == 2 {
                flatten(function, innerArguments, into: &operands)
            } else {
                operands.append(argument)
            }
        }
    }

    func isVariable(root: String, fields: [String]) -> Bool {
        for (name, _) in Declarations.prefixes(root, fields) {
            for candidate in declarations.candidates(for: name) where declarations.variables[candidate] != nil {
                return true
            }
        }
        return false
    }

    func isFunction(_ name: String) -> Bool {
        declarations.functions[name] != nil || Builtins.implementation(name, arity: 1) != nil
            || Builtins.implementation(name, arity: 2) != nil
    }

    /// Standard functions whose results can be much larger than their arguments.
    static let growingFunctions: Set<String> = ["replace", "join", "format", "split", "_+_", "strings.quote"]

    mutating func planGlobal(_ name: String, _ nodes: [Node], isMember: Bool, location: SourceLocation) -> Node {
        if let custom = declarations.functions[name] {
            let overloads = custom.overloads.filter { $0.parameters.count == nodes.count }
            if !overloads.isEmpty {
                if overloads.count == 1 {
                    let implementation = overloads[0].implementation
                    return CallNode(nodes, function: implementation, location: location)
                }
                return CallNode(nodes, function: { values in
                    for overload in overloads
                    where zip(overload.parameters, values).allSatisfy({ $0.accepts($1) }) {
                        return overload.implementation(values)
                    }
                    return noOverload(name, values)
                }, location: location)
            }
        }
        let growing = Planner.growingFunctions.contains(name)
        switch Builtins.implementation(name, arity: nodes.count) {
        case .unary(let function)? where growing:
            return CallNode(nodes, function: { function($0[0]) }, chargesResultSize: true, location: location)
        case .binary(let function)? where growing:
            return CallNode(nodes, function: { function($0[0], $0[1]) }, chargesResultSize: true, location: location)
        case .unary(let function)?: return UnaryNode(nodes[0], function: function, location: location)
        case .binary(let function)?: return BinaryNode(nodes[0], nodes[1], function: function, location: location)
        case .variadic(let function)?:
            return CallNode(nodes, function: function, chargesResultSize: growing, location: location)
        case nil:
            let known = declarations.functions[name] != nil || isFunction(name)
            let error = known
                ? CELError(code: .noMatchingOverload, reason: "no such overload: \(name) with \(nodes.count) arguments")
                : CELError(code: .undeclaredReference, reason: "unbound function: \(name)")
            return ErrorNode(error, arguments: nodes, location: location)
        }
    }
}
