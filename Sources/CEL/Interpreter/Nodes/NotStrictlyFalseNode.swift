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
