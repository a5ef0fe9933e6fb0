/// Settings of gradient-boosted tree training; the defaults follow LightGBM's.
public struct GBDTParameters: Codable, Sendable, Equatable {
    /// The most trees to grow (fewer when early stopping ends training).
    public var iterations = 100
    /// Shrinkage: each tree's leaf values are multiplied by it.
    public var learningRate = 0.1
    /// The most leaves per tree (leaf-wise growth stops there).
    public var maxLeaves = 31
    /// The deepest a leaf may be (root = 0); 0 means no limit.
    public var maxDepth = 0
    /// The fewest training rows in a leaf.
    public var minDataInLeaf = 20
    /// The smallest sum of hessians in a leaf.
    public var minSumHessianInLeaf = 1e-3
    /// L2 regularisation of leaf values (λ).
    public var lambdaL2 = 0.0
    /// The most bins per feature, missing bin included (at most 256).
    public var maxBins = 255
    /// How many rows' values are sampled to place a numeric feature's bin bounds.
    public var binSampleSize = 200_000
    /// The share of rows held out for early stopping (0 turns early stopping off).
    public var validationFraction = 0.1
    /// Stop after this many trees without a better validation log-loss.
    public var earlyStoppingRounds = 10
    /// Categorical splits: added to the hessian sum when ordering levels by gradient/hessian.
    public var catSmooth = 10.0
    /// Categorical splits: extra L2 in their gain.
    public var catL2 = 10.0
    /// Categorical splits: the most levels on the smaller side.
    public var maxCatThreshold = 32
    /// Categorical splits: levels with fewer rows are not ordered, and go right.
    public var minDataPerGroup = 100
    /// Categorical features with at most this many levels split one level against the rest.
    public var maxCatToOneHot = 4
    /// The seed for the validation split and the bin sample.
    public var seed: UInt64 = 0

    public init() {}

    /// Throws when a setting is out of range, naming it.
    public func validate() throws(RiskModelError) {
        func check(_ ok: Bool, _ what: String) throws(RiskModelError) {
            if !ok { throw RiskModelError(.badParameter, "gbdt: \(what)") }
        }
        try check(iterations >= 1, "iterations must be at least 1, got \(iterations)")
        try check(learningRate > 0 && learningRate <= 1, "learning rate must be in (0, 1], got \(learningRate)")
        try check(maxLeaves >= 2 && maxLeaves <= 4096, "max leaves must be in 2...4096, got \(maxLeaves)")
        try check(maxDepth >= 0, "max depth must be 0 (no limit) or more, got \(maxDepth)")
        try check(minDataInLeaf >= 1, "min data in leaf must be at least 1, got \(minDataInLeaf)")
        try check(lambdaL2 >= 0, "lambda L2 must not be negative, got \(lambdaL2)")
        try check(maxBins >= 3 && maxBins <= 256, "max bins must be in 3...256, got \(maxBins)")
        try check((0..<1).contains(validationFraction), "validation fraction must be in [0, 1), got \(validationFraction)")
        try check(earlyStoppingRounds >= 1, "early stopping rounds must be at least 1, got \(earlyStoppingRounds)")
    }
}
