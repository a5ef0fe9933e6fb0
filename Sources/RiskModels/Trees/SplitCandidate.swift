/// The best split found for a leaf, with the sums of each side.
struct SplitCandidate: Sendable {
    var feature: Int
    var gain: Double
    /// Numeric: bins `1...threshold` go left.
    var threshold: Int
    /// Numeric: whether bin 0 (missing) goes left.
    var missingLeft: Bool
    /// Categorical: the bins that go left.
    var leftBins: [Int]?
    var leftGradient: Double
    var leftHessian: Double
    var leftCount: Int
    var rightGradient: Double
    var rightHessian: Double
    var rightCount: Int

    /// Whether `other` is better: more gain, ties to the lower feature (so results do not depend
    /// on the order threads finish in).
    func isBeaten(by other: SplitCandidate) -> Bool {
        other.gain > gain || (other.gain == gain && other.feature < feature)
    }
}
