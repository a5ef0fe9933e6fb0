extension CELValue {
    /// Applies a binary arithmetic or comparison operator (`_==_`, `_<_`, `_+_`, …) exactly as an
    /// expression would, or returns nil when `function` is not one of them. Hosts use it to run a
    /// term of a condition natively with the interpreter's semantics (errors stay values).
    public static func applyOperator(_ function: String, _ lhs: CELValue, _ rhs: CELValue) -> CELValue? {
        CELBinaryOperator(function)?.apply(lhs, rhs)
    }
}

/// A binary arithmetic or comparison operator resolved once from its function name, to apply
/// many times with the interpreter's semantics.
public struct CELBinaryOperator: Sendable {
    let operation: OperatorNode.Operation

    /// The operator named `function` (`_==_`, `_!=_`, `_<_`, `_<=_`, `_>_`, `_>=_`, `_+_`, `_-_`,
    /// `_*_`, `_/_`, `_%_`), or nil.
    public init?(_ function: String) {
        guard let operation = OperatorNode.operation(for: function) else { return nil }
        self.operation = operation
    }

    /// The operator's value on two operands, as an expression computes it (errors are values).
    public func apply(_ lhs: CELValue, _ rhs: CELValue) -> CELValue {
        OperatorNode.apply(operation, lhs, rhs)
    }
}
