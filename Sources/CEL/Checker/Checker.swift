/// Infers the type of every node and reports undeclared names and calls that match no overload
/// before evaluation. Gradual: `dyn` is compatible with every type and defers checks to run time.
struct Checker {
    let source: SourceText
    let declarations: Declarations
    private var scopes: [(name: String, type: CELType)] = []

    init(source: SourceText, declarations: Declarations) {
        self.source = source
        self.declarations = declarations
    }

    func error(_ code: CELError.Code, _ reason: String, at expr: Expr) -> CELError {
        CELError(code: code, reason: reason, location: source.location(of: expr.offset))
    }

    func local(_ name: String) -> CELType? { scopes.last(where: { $0.name == name })?.type }

    mutating func check(_ expr: Expr) throws(CELError) -> CELType {
        switch expr.kind {
        case .constant(let constant):
            switch constant {
            case .null: return .null
            case .bool: return .bool
            case .int: return .int
            case .uint: return .uint
            case .double: return .double
            case .string: return .string
            case .bytes: return .bytes
            }
        case .identifier(let name):
            return try resolveName(name, fields: [], at: expr)
        case .select(let operand, let field, let testOnly):
            if testOnly {
                let operandType = try check(operand)
                switch operandType {
                case .map, .dyn, .object, .error: return .bool
                default:
                    throw error(.typeMismatch, "type '\(operandType)' does not support field selection", at: expr)
                }
            }
            if let (root, fields) = Planner.chain(expr), root.hasPrefix(".") || local(root) == nil {
                return try resolveName(root, fields: fields, at: expr)
            }
            return try selectType(try check(operand), field: field, at: expr)
        case .call(let function, let target, let arguments):
            return try checkCall(function, target: target, arguments: arguments, at: expr)
        case .list(let elements):
            var types: [CELType] = []
            for element in elements { types.append(try check(element)) }
            return .list(Checker.join(types))
        case .map(let entries):
            var keys: [CELType] = []
            var values: [CELType] = []
            for entry in entries {
                let key = try check(entry.key)
                switch key {
                case .bool, .int, .uint, .string, .dyn, .error, .parameter: break
                default: throw error(.unsupportedKeyType, "unsupported map key type: \(key)", at: entry.key)
                }
                keys.append(key)
                values.append(try check(entry.value))
            }
            return .map(Checker.join(keys), Checker.join(values))
        case .message(let typeName, let fields):
            let name = typeName.hasPrefix(".") ? String(typeName.dropFirst()) : typeName
            let objects = declarations.objects
            guard let declared = declarations.candidates(for: name).lazy.compactMap({ objects[$0] }).first
            else { throw error(.undeclaredReference, "undeclared reference to message type '\(name)'", at: expr) }
            for field in fields {
                let valueType = try check(field.value)
                guard let fieldType = declared[field.field] else {
                    throw error(.noSuchField, "undefined field '\(field.field)'", at: field.value)
                }
                var bindings: [String: CELType] = [:]
                guard Checker.assignable(fieldType, valueType, &bindings) else {
                    throw error(.typeMismatch, "expected type \(fieldType) for field '\(field.field)' but got \(valueType)", at: field.value)
                }
            }
            return .object(name)
        case .comprehension(let c):
            return try checkComprehension(c, at: expr)
        }
    }

    /// Resolves a possibly qualified name: locals, declared variables by longest prefix, type names.
    mutating func resolveName(_ root: String, fields: [String], at expr: Expr) throws(CELError) -> CELType {
        if !root.hasPrefix("."), let type = local(root) {
            var result = type
            for field in fields { result = try selectType(result, field: field, at: expr) }
            return result
        }
        // Fast path: a plain declared name without a container.
        if fields.isEmpty, declarations.container.isEmpty, let type = declarations.variables[root] { return type }
        let prefixes = Declarations.prefixes(root, fields)
        for (name, rest) in prefixes {
            for candidate in declarations.candidates(for: name) {
                guard var type = declarations.variables[candidate] else { continue }
                for field in rest { type = try selectType(type, field: field, at: expr) }
                return type
            }
        }
        let full = prefixes[0].name
        let typeName = full.hasPrefix(".") ? String(full.dropFirst()) : full
        if let type = declarations.type(named: typeName) { return .type(type) }
        let shown = full.hasPrefix(".") ? String(full.dropFirst()) : full
        throw error(.undeclaredReference, "undeclared reference to '\(shown)' (in container '\(declarations.container)')", at: expr)
    }

    func selectType(_ operand: CELType, field: String, at expr: Expr) throws(CELError) -> CELType {
        switch operand {
        case .map(let key, let value):
            switch key {
            case .string, .dyn, .parameter: return value
            default: throw error(.typeMismatch, "type '\(operand)' does not support field selection", at: expr)
            }
        case .dyn, .error, .parameter: return .dyn
        case .object(let name):
            guard let fields = declarations.objects[name] else { return .dyn }
            guard let type = fields[field] else {
                throw error(.noSuchField, "undefined field '\(field)' on type '\(name)'", at: expr)
            }
            return type
        default:
            throw error(.typeMismatch, "type '\(operand)' does not support field selection", at: expr)
        }
    }

    mutating func checkComprehension(_ c: Expr.Comprehension, at expr: Expr) throws(CELError) -> CELType {
        let rangeType = try check(c.range)
        let elementType: CELType
        switch rangeType {
        case .list(let element): elementType = element
        case .map(let key, _): elementType = key
        case .dyn, .error, .parameter: elementType = .dyn
        default:
            throw error(.typeMismatch, "expression of type '\(rangeType)' cannot be the range of a comprehension", at: c.range)
        }
        scopes.append((c.iterationVariable, elementType))
        defer { scopes.removeLast() }
        func requireBool(_ type: CELType, _ node: Expr) throws(CELError) {
            switch type {
            case .bool, .dyn, .error, .parameter: return
            default: throw error(.typeMismatch, "expected type 'bool' but found '\(type)'", at: node)
            }
        }
        switch c.macro {
        case .all?, .exists?, .existsOne?:
            try requireBool(try check(c.macroArguments[0]), c.macroArguments[0])
            return .bool
        case .map?: return .list(try check(c.macroArguments[0]))
        case .mapFilter?:
            try requireBool(try check(c.macroArguments[0]), c.macroArguments[0])
            return .list(try check(c.macroArguments[1]))
        case .filter?:
            try requireBool(try check(c.macroArguments[0]), c.macroArguments[0])
            return .list(elementType)
        case nil:
            scopes.removeLast()
            let accumulatorType = try check(c.accumulatorInit)
            scopes.append((c.iterationVariable, elementType))
            scopes.append((c.accumulatorVariable, accumulatorType))
            defer { scopes.removeLast() }
            try requireBool(try check(c.loopCondition), c.loopCondition)
            _ = try check(c.loopStep)
            return try check(c.result)
        }
    }

    /// The common type of several, or `dyn` when they differ.
    static func join(_ types: [CELType]) -> CELType {
        guard let first = types.first else { return .dyn }
        return types.allSatisfy({ $0 == first }) ? first : .dyn
    }
}
