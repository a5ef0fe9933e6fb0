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
