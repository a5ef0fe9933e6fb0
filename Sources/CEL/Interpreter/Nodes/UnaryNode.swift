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
