/// A literal value.
final class ConstantNode: Node, @unchecked Sendable {
    let value: CELValue
    init(_ value: CELValue, location: SourceLocation) {
        self.value = value
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue { value }
}

/// A comprehension variable, by local slot.
final class LocalNode: Node, @unchecked Sendable {
    let index: Int
    init(index: Int, location: SourceLocation) {
        self.index = index
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue { frame.locals[index] }
}

/// A declared variable: read from the slot array, or by name from any other activation.
final class VariableNode: Node, @unchecked Sendable {
    let name: String
    let slot: Int
    init(name: String, slot: Int, location: SourceLocation) {
        self.name = name
        self.slot = slot
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        if frame.hasSlots, let value = frame.slots[slot] { return value }
        if let value = frame.activation?.resolve(name) { return value }
        return fail(CELError(code: .noSuchAttribute, reason: "no such attribute: unknown variable '\(name)'"))
    }
}

/// `variable.field` on a declared variable, fused to skip one node and one value copy.
final class VariableSelectNode: Node, @unchecked Sendable {
    let variable: VariableNode
    let field: String
    init(variable: VariableNode, field: String, location: SourceLocation) {
        self.variable = variable
        self.field = field
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        if frame.hasSlots, case .object(let object)? = frame.slots[variable.slot] {
            if let value = object.field(named: field) { return value }
        }
        return located(SelectNode.select(variable.eval(&frame), field))
    }
}

/// An unchecked (possibly qualified) name: tries each candidate `(variable, then fields)` in
/// order, then a type name.
final class NameNode: Node, @unchecked Sendable {
    struct Candidate {
        let variable: String
        let fields: [String]
    }
    let candidates: [Candidate]
    let typeValue: CELValue?
    let display: String
    init(candidates: [Candidate], typeValue: CELValue?, display: String, location: SourceLocation) {
        self.candidates = candidates
        self.typeValue = typeValue
        self.display = display
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        for candidate in candidates {
            guard var value = frame.activation?.resolve(candidate.variable) else { continue }
            for field in candidate.fields { value = SelectNode.select(value, field) }
            return located(value)
        }
        if let typeValue { return typeValue }
        return fail(CELError(code: .noSuchAttribute, reason: "undeclared reference to '\(display)' (unknown variable)"))
    }
}

/// `operand.field`.
final class SelectNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    init(operand: Node, field: String, location: SourceLocation) {
        self.operand = operand
        self.field = field
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        located(SelectNode.select(operand.eval(&frame), field))
    }

    static func select(_ value: CELValue, _ field: String) -> CELValue {
        switch value {
        case .object(let object):
            if let result = object.field(named: field) { return result }
            return .error(CELError(code: .noSuchField, reason: "no such field '\(field)' in \(Swift.type(of: object).celTypeName)"))
        case .map(let map):
            if let result = map.value(forString: field) { return result }
            return .error(.noSuchKey("'\(field)'"))
        case .error: return value
        default:
            return .error(CELError(
                code: .typeMismatch, reason: "type '\(value.celType)' does not support field selection"))
        }
    }
}

/// `has(operand.field)`.
final class PresenceNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    init(operand: Node, field: String, location: SourceLocation) {
        self.operand = operand
        self.field = field
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        let value = operand.eval(&frame)
        switch value {
        case .object(let object): return .bool(object.hasField(named: field))
        case .map(let map): return .bool(map.value(forString: field) != nil)
        case .error: return value
        default:
            return fail(CELError(code: .typeMismatch, reason: "type '\(value.celType)' does not support field selection"))
        }
    }
}

/// `a && b`, commutative and error-absorbing.
final class AndNode: Node, @unchecked Sendable {
    let lhs: Node
    let rhs: Node
    init(_ lhs: Node, _ rhs: Node, location: SourceLocation) {
        self.lhs = lhs
        self.rhs = rhs
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        let left = lhs.eval(&frame)
        if case .bool(let value) = left {
            if !value { return .bool(false) }
            let right = rhs.eval(&frame)
            if case .bool = right { return right }
            return right.isError ? right : fail(.noMatchingOverload("_&&_"))
        }
        let right = rhs.eval(&frame)
        if case .bool(false) = right { return right }
        if left.isError { return left }
        if right.isError { return right }
        return fail(.noMatchingOverload("_&&_"))
    }
}

/// `a || b`, commutative and error-absorbing.
final class OrNode: Node, @unchecked Sendable {
    let lhs: Node
    let rhs: Node
    init(_ lhs: Node, _ rhs: Node, location: SourceLocation) {
        self.lhs = lhs
        self.rhs = rhs
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        let left = lhs.eval(&frame)
        if case .bool(let value) = left {
            if value { return .bool(true) }
            let right = rhs.eval(&frame)
            if case .bool = right { return right }
            return right.isError ? right : fail(.noMatchingOverload("_||_"))
        }
        let right = rhs.eval(&frame)
        if case .bool(true) = right { return right }
        if left.isError { return left }
        if right.isError { return right }
        return fail(.noMatchingOverload("_||_"))
    }
}

/// `c ? a : b`.
final class ConditionalNode: Node, @unchecked Sendable {
    let condition: Node
    let whenTrue: Node
    let whenFalse: Node
    init(_ condition: Node, _ whenTrue: Node, _ whenFalse: Node, location: SourceLocation) {
        self.condition = condition
        self.whenTrue = whenTrue
        self.whenFalse = whenFalse
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        switch condition.eval(&frame) {
        case .bool(true): return whenTrue.eval(&frame)
        case .bool(false): return whenFalse.eval(&frame)
        case let other where other.isError: return other
        default: return fail(.noMatchingOverload("_?_:_"))
        }
    }
}

/// `@not_strictly_false(x)`: true unless x is false (errors count as true).
final class NotStrictlyFalseNode: Node, @unchecked Sendable {
    let operand: Node
    init(_ operand: Node, location: SourceLocation) {
        self.operand = operand
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        if case .bool(false) = operand.eval(&frame) { return .bool(false) }
        return .bool(true)
    }
}

/// A strict function of one argument.
final class UnaryNode: Node, @unchecked Sendable {
    let operand: Node
    let function: @Sendable (CELValue) -> CELValue
    init(_ operand: Node, function: @escaping @Sendable (CELValue) -> CELValue, location: SourceLocation) {
        self.operand = operand
        self.function = function
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        let value = operand.eval(&frame)
        if value.isError { return value }
        return located(function(value))
    }
}

/// A strict function of two arguments.
final class BinaryNode: Node, @unchecked Sendable {
    let lhs: Node
    let rhs: Node
    let function: @Sendable (CELValue, CELValue) -> CELValue
    init(_ lhs: Node, _ rhs: Node, function: @escaping @Sendable (CELValue, CELValue) -> CELValue, location: SourceLocation) {
        self.lhs = lhs
        self.rhs = rhs
        self.function = function
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        let left = lhs.eval(&frame)
        if left.isError { return left }
        let right = rhs.eval(&frame)
        if right.isError { return right }
        return located(function(left, right))
    }
}

/// A strict function of any number of arguments.
final class CallNode: Node, @unchecked Sendable {
    let arguments: [Node]
    let function: @Sendable ([CELValue]) -> CELValue
    init(_ arguments: [Node], function: @escaping @Sendable ([CELValue]) -> CELValue, location: SourceLocation) {
        self.arguments = arguments
        self.function = function
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        var values: [CELValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            let value = argument.eval(&frame)
            if value.isError { return value }
            values.append(value)
        }
        return located(function(values))
    }
}

/// A list literal.
final class ListNode: Node, @unchecked Sendable {
    let elements: [Node]
    init(_ elements: [Node], location: SourceLocation) {
        self.elements = elements
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        if let error = frame.charge(elements.count) { return fail(error) }
        var values: [CELValue] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            let value = element.eval(&frame)
            if value.isError { return value }
            values.append(value)
        }
        return .list(values)
    }
}

/// A map literal.
final class MapNode: Node, @unchecked Sendable {
    let entries: [(Node, Node)]
    init(_ entries: [(Node, Node)], location: SourceLocation) {
        self.entries = entries
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        if let error = frame.charge(entries.count) { return fail(error) }
        var values: [(CELValue, CELValue)] = []
        values.reserveCapacity(entries.count)
        for (keyNode, valueNode) in entries {
            let key = keyNode.eval(&frame)
            if key.isError { return key }
            let value = valueNode.eval(&frame)
            if value.isError { return value }
            values.append((key, value))
        }
        switch CELMap.make(values) {
        case .success(let map): return .map(map)
        case .failure(let error): return fail(error)
        }
    }
}

/// A node that always yields the same error (e.g. an unknown function in unchecked mode).
final class ErrorNode: Node, @unchecked Sendable {
    let error: CELError
    let arguments: [Node]
    init(_ error: CELError, arguments: [Node], location: SourceLocation) {
        var error = error
        if error.location == nil { error.location = location }
        self.error = error
        self.arguments = arguments
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        for argument in arguments {
            let value = argument.eval(&frame)
            if value.isError { return value }
        }
        return .error(error)
    }
}
