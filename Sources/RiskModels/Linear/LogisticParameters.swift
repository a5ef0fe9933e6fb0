/// Settings of logistic regression training.
public struct LogisticParameters: Codable, Sendable, Equatable {
    /// How classes are weighted in the loss.
    public enum ClassWeight: String, Codable, Sendable, Equatable {
        /// Every row counts once.
        case none
        /// Each class weighs half of the total (n / (2 · class count) per row), for rare positives.
        case balanced
    }

    /// L2 penalty on the coefficients: the loss is Σ wᵢ·log-loss + (l2 / 2)·‖β‖² (scikit-learn's
    /// `1 / C`); the intercept is not penalised.
    public var l2 = 1.0
    /// Row weighting by class.
    public var classWeight = ClassWeight.none
    /// The most L-BFGS iterations.
    public var maxIterations = 500
    /// Stop when the largest gradient component is below this, relative to the rows' weight.
    public var tolerance = 1e-6
    /// The share of rows held out to report quality (0: none).
    public var validationFraction = 0.1
    /// The seed for the held-out split.
    public var seed: UInt64 = 0

    public init() {}

    /// Throws when a setting is out of range, naming it.
    public func validate() throws(RiskModelError) {
        guard l2 >= 0, l2.isFinite else { throw RiskModelError(.badParameter, "logistic: l2 must be ≥ 0, got \(l2)") }
        guard maxIterations >= 1 else {
            throw RiskModelError(.badParameter, "logistic: max iterations must be at least 1, got \(maxIterations)")
        }
        guard (0..<1).contains(validationFraction) else {
            throw RiskModelError(
                .badParameter, "logistic: validation fraction must be in [0, 1), got \(validationFraction)")
        }
    }
}
