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
