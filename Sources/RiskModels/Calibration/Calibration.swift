import Foundation

/// A map from a model's raw score to a calibrated probability, fitted on held-out rows.
public enum Calibration: Codable, Sendable, Equatable {
    /// Platt scaling: `p = 1 / (1 + exp(a · s + b))`.
    case platt(a: Double, b: Double)
    /// Isotonic regression: a non-decreasing step function through `(scores[i], values[i])`,
    /// linear between the points and flat beyond the ends (scikit-learn's interpolation).
    case isotonic(scores: [Double], values: [Double])

    /// The calibrated probability of a raw score.
    public func apply(_ score: Double) -> Double {
        switch self {
        case .platt(let a, let b):
            return 1 / (1 + exp(a * score + b))
        case .isotonic(let xs, let ys):
            guard let first = xs.first, let last = xs.last else { return score }
            if score <= first { return ys[0] }
            if score >= last { return ys[ys.count - 1] }
            var low = 0
            var high = xs.count - 1
            while high - low > 1 {
                let mid = (low + high) / 2
                if xs[mid] <= score { low = mid } else { high = mid }
            }
            let span = xs[high] - xs[low]
            return span > 0 ? ys[low] + (ys[high] - ys[low]) * (score - xs[low]) / span : ys[high]
        }
    }
}
