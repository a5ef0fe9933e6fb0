/// Mean and standard deviation of a stream, computed in one pass with Welford's method, which
/// stays accurate when values are large and close together (money in fen), unlike Σx² − (Σx)²/n.
/// Two accumulators merge exactly (Chan et al.), so batches can build baselines in parallel.
public struct RunningMoments: Sendable, Hashable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var m2 = 0.0

    /// An empty accumulator.
    public init() {}

    /// Adds one observation.
    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
    }

    /// Combines another accumulator's observations into this one.
    public mutating func merge(_ other: RunningMoments) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let n = Double(count + other.count)
        let delta = other.mean - mean
        mean += delta * Double(other.count) / n
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
        count += other.count
    }

    /// The sample variance (n − 1); 0 below two observations.
    public var variance: Double { count < 2 ? 0 : m2 / Double(count - 1) }

    /// The sample standard deviation.
    public var sigma: Double { variance.squareRoot() }

    /// How many standard deviations `x` lies from the mean (0 when σ is 0).
    public func zScore(_ x: Double) -> Double { sigma == 0 ? 0 : (x - mean) / sigma }
}
