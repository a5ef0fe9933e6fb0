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
