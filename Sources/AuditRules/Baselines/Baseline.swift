/// The statistics of one group of amounts (one benefit or visit kind, region and period): what
/// `baseline(kind, region, period)` gives a rule.
public struct Baseline: Sendable, Hashable {
    /// How many amounts the group holds.
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (Welford).
    public var sigma: Double
    public var median: Double
    /// Median absolute deviation from the median.
    public var mad: Double
    /// Which group answered: `county/month`, `city/month`, `province/month` or `all` (the finest
    /// with enough amounts).
    public var level: String

    /// A baseline with no data: every statistic 0.
    public static let none = Baseline(count: 0, mean: 0, sigma: 0, median: 0, mad: 0, level: "none")

    /// The 3σ distance of `x` (0 when σ is 0).
    public func zScore(_ x: Double) -> Double { sigma == 0 ? 0 : (x - mean) / sigma }

    /// The robust distance of `x`: from the median in units of 1.4826 · MAD (0 when MAD is 0).
    public func robustScore(_ x: Double) -> Double { mad == 0 ? 0 : (x - median) / (1.4826 * mad) }
}
