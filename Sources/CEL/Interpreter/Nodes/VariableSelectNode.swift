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
