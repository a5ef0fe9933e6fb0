extension Checker {
    mutating func checkCall(_ function: String, target: Expr?, arguments: [Expr], at expr: Expr) throws(CELError)
        -> CELType
    {
        switch function {
        case Operator.logicalAnd, Operator.logicalOr:
            for argument in arguments { try requireBool(argument, function) }
            return .bool
        case Operator.notStrictlyFalse:
            _ = try check(arguments[0])
            return .bool
        case Operator.conditional where arguments.count == 3:
            try requireBool(arguments[0], function)
            return Checker.join([try check(arguments[1]), try check(arguments[2])])
        default: break
        }
        // A namespaced global function such as `strings.quote(x)`.
        if let target, let (root, fields) = Planner.chain(target), local(root) == nil {
            let qualified = ([root] + fields).joined(separator: ".") + "." + function
            let name = qualified.hasPrefix(".") ? String(qualified.dropFirst()) : qualified
            if !isVariable(root: root, fields: fields),
                StandardDeclarations.signatures[name] != nil || declarations.functions[name] != nil
            {
                var types: [CELType] = []
                for argument in arguments { types.append(try check(argument)) }
                return try resolve(name, isMember: false, types: types, at: expr)
            }
        }
        var types: [CELType] = []
        if let target { types.append(try check(target)) }
        for argument in arguments { types.append(try check(argument)) }
        let name = function.hasPrefix(".") ? String(function.dropFirst()) : function
        return try resolve(name, isMember: target != nil, types: types, at: expr)
    }

    func isVariable(root: String, fields: [String]) -> Bool {
        for (name, _) in Declarations.prefixes(root, fields) {
            for candidate in declarations.candidates(for: name) where declarations.variables[candidate] != nil {
                return true
            }
        }
        return false
    }

    mutating func requireBool(_ argument: Expr, _ function: String) throws(CELError) {
        let type = try check(argument)
        switch type {
        case .bool, .dyn, .error, .parameter: return
        default:
            throw error(
                .noMatchingOverload, "found no matching overload for '\(function)' applied to '\(type)'", at: argument)
        }
    }

    /// Picks the overloads whose parameters accept the argument types.
    func resolve(_ name: String, isMember: Bool, types: [CELType], at expr: Expr) throws(CELError) -> CELType {
        let standard = StandardDeclarations.signatures[name] ?? []
        let custom = declarations.functions[name]?.overloads ?? []
        guard !standard.isEmpty || !custom.isEmpty else {
            throw error(.undeclaredReference, "undeclared reference to '\(name)'", at: expr)
        }
        var results: [CELType] = []
        func consider(_ parameters: [CELType], _ result: CELType) {
            guard parameters.count == types.count else { return }
            var bindings: [String: CELType] = [:]
            for (parameter, type) in zip(parameters, types) where !Checker.assignable(parameter, type, &bindings) {
                return
            }
            results.append(bindings.isEmpty ? result : Checker.substitute(result, bindings))
        }
        // Standard functions may be called either way (size(x) / x.size()) where cel-go allows it.
        let eitherWay = name == "size" || name == "matches"
        for signature in standard where signature.isMember == isMember || eitherWay {
            consider(signature.parameters, signature.result)
        }
        for overload in custom where overload.isMember == isMember {
            consider(overload.parameters, overload.result)
        }
        guard !results.isEmpty else {
            let shown = types.map(\.description).joined(separator: ", ")
            throw error(
                .noMatchingOverload, "found no matching overload for '\(name)' applied to '(\(shown))'", at: expr)
        }
        return Checker.join(results)
    }

    /// Whether a value of type `actual` may be passed for `expected`, binding type parameters.
    static func assignable(_ expected: CELType, _ actual: CELType, _ bindings: inout [String: CELType]) -> Bool {
        switch (expected, actual) {
        case (.dyn, _), (_, .dyn), (.error, _), (_, .error): return true
        case (.parameter(let name), _):
            if let bound = bindings[name] {
                if bound == .dyn { return true }
                if case .parameter = actual { return true }
                if assignable(bound, actual, &bindings) { return true }
                // Mixed element types widen the parameter to dyn.
                return false
            }
            bindings[name] = actual
            return true
        case (_, .parameter): return true
        case (.list(let a), .list(let b)): return assignable(a, b, &bindings)
        case (.map(let ka, let va), .map(let kb, let vb)):
            return assignable(ka, kb, &bindings) && assignable(va, vb, &bindings)
        case (.type, .type):
            // Type values compare at run time (`type(1) == type(1u)` is false, not a type error).
            return true
        default: return expected == actual
        }
    }

    static func substitute(_ type: CELType, _ bindings: [String: CELType]) -> CELType {
        switch type {
        case .parameter(let name): return bindings[name] ?? .dyn
        case .list(let element): return .list(substitute(element, bindings))
        case .map(let key, let value): return .map(substitute(key, bindings), substitute(value, bindings))
        case .type(let inner?): return .type(substitute(inner, bindings))
        default: return type
        }
    }
}
