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
