/// `a && b && c …` or `a || b || c …` flattened into one node: stops at the first operand that
/// decides the result (false for `&&`, true for `||`); otherwise yields the first error, so the
/// operators stay commutative and error-absorbing as in nested form.
final class LogicalChainNode: Node, @unchecked Sendable {
    let operands: [Node]
    /// The value that decides the result: false for `&&`, true for `||`.
    let decisive: Bool
    let function: String

    init(operands: [Node], isAnd: Bool, location: SourceLocation) {
        self.operands = operands
        self.decisive = !isAnd
        self.function = isAnd ? "_&&_" : "_||_"
        super.init(location: location)
    }

    override func eval(_ frame: inout Frame) -> CELValue {
        var firstError: CELValue?
        var sawOtherType = false
        for operand in operands {
            let value = operand.eval(&frame)
            if case .bool(let flag) = value {
                if flag == decisive { return value }
            } else if value.isError {
                if firstError == nil { firstError = value }
            } else {
                sawOtherType = true
            }
        }
        if let firstError { return firstError }
        if sawOtherType { return fail(.noMatchingOverload(function)) }
        return .bool(!decisive)
    }
}
