/// Settings of isolation forest training; the defaults are Liu, Ting and Zhou's (and
/// scikit-learn's).
public struct IsolationForestParameters: Codable, Sendable, Equatable {
    /// The number of trees.
    public var trees = 100
    /// Rows drawn (without replacement) for each tree, ψ.
    public var sampleSize = 256
    /// The seed for the samples and the splits.
    public var seed: UInt64 = 0

    public init() {}

    /// Throws when a setting is out of range, naming it.
    public func validate() throws(RiskModelError) {
        guard trees >= 1, trees <= 10_000 else {
            throw RiskModelError(.badParameter, "iforest: trees must be in 1...10000, got \(trees)")
        }
        guard sampleSize >= 2 else {
            throw RiskModelError(.badParameter, "iforest: sample size must be at least 2, got \(sampleSize)")
        }
    }
}
