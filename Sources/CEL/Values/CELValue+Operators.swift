extension CELValue {
    /// Applies a binary arithmetic or comparison operator (`_==_`, `_<_`, `_+_`, …) exactly as an
    /// expression would, or returns nil when `function` is not one of them. Hosts use it to run a
    /// term of a condition natively with the interpreter's semantics (errors stay values).
    public static func applyOperator(_ function: String, _ lhs: CELValue, _ rhs: CELValue) -> CELValue? {
        guard let operation = OperatorNode.operation(for: function) else { return nil }
        return OperatorNode.apply(operation, lhs, rhs)
    }
}
