import Foundation

/// A Fellegi–Sunter model: for each comparison and level, the probability `m` of that level
/// among matching pairs and `u` among non-matching pairs, and the prior probability that two
/// records drawn at random match. A pair's match weight is log2 of the prior odds plus the sum
/// of log2(m/u) over its comparisons (nulls add nothing), plus term-frequency adjustments.
public struct FellegiSunterModel: Sendable, Hashable {
    /// The comparisons, in order.
    public let comparisons: [Comparison]
    /// `m[k][level]`.
    public var m: [[Double]]
    /// `u[k][level]`.
    public var u: [[Double]]
    /// The probability that two records drawn at random match.
    public var prior: Double
    /// Whether each comparison's m was estimated by EM (false: left at its starting value,
    /// because every blocking rule blocks on its column).
    public var mTrained: [Bool]

    /// A model with starting values: m falling away from exact, u even.
    public init(comparisons: [Comparison], prior: Double = 1e-4) {
        self.comparisons = comparisons
        self.m = comparisons.map { FellegiSunterModel.startingM(levels: $0.levelCount) }
        self.u = comparisons.map { Array(repeating: 1 / Double($0.levelCount), count: $0.levelCount) }
        self.prior = prior
        self.mTrained = Array(repeating: false, count: comparisons.count)
    }

    /// m for a comparison before training: most matches agree exactly.
    static func startingM(levels: Int) -> [Double] {
        var m = [Double](repeating: 0, count: levels)
        m[0] = 0.9
        let rest = levels - 1
        let weights = (0..<rest).map { pow2(-Double($0)) }
        let total = weights.reduce(0, +)
        for i in 0..<rest { m[i + 1] = 0.1 * weights[i] / total }
        return m
    }

    /// The Bayes factor m/u of comparison `k` at `level`; 1 for a null.
    public func bayesFactor(_ k: Int, level: Int) -> Double {
        guard level < comparisons[k].levelCount else { return 1 }
        return m[k][level] / u[k][level]
    }

    /// log2 of the prior odds.
    public var priorWeight: Double { log2(prior / (1 - prior)) }

    /// The probability of a match weight.
    public static func probability(weight: Double) -> Double { 1 / (1 + pow2(-weight)) }
}

@inline(__always) func pow2(_ x: Double) -> Double { exp2(x) }
