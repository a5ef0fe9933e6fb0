/// Median and median absolute deviation: a baseline that a few extreme payments cannot drag,
/// for the robust alternative to the 3σ rule (|x − median| / (1.4826 · MAD) > 3).
public struct RobustSpread: Sendable, Hashable {
    public let median: Double
    /// The median absolute deviation from the median.
    public let mad: Double

    /// Computes both from the observations (empty: zeros).
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        let sorted = values.sorted()
        let median = Self.median(of: sorted)
        self.median = median
        mad = Self.median(of: sorted.map { abs($0 - median) }.sorted())
    }

    /// The robust z-score: distance from the median in units of 1.4826 · MAD, which equals σ for
    /// normal data (0 when MAD is 0).
    public func robustScore(_ x: Double) -> Double { mad == 0 ? 0 : (x - median) / (1.4826 * mad) }

    static func median(of sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
