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
