/// Limits applied while evaluating a program.
public struct EvaluationOptions: Sendable {
    /// Largest evaluation cost (one unit per comprehension iteration and per element built by
    /// list/map literals and concatenation) before evaluation stops with `costLimitExceeded`.
    public var costLimit: Int = 10_000_000

    /// Default limits.
    public init() {}
}
