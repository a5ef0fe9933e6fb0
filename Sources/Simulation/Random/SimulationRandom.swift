import Foundation

/// The simulator's only source of randomness: xoshiro256** seeded through SplitMix64.
///
/// Never the system generator, so a seed always gives the same population. A generator is
/// derived from the run's seed and a stream key (chunk index, purpose), which lets chunks be
/// generated on any number of cores and still give byte-identical output.
public struct SimulationRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator for `seed` and the stream identified by `keys`.
    public init(seed: UInt64, _ keys: UInt64...) {
        var sm = SplitMix64(state: seed)
        for key in keys { sm = SplitMix64(state: sm.next() ^ (key &* 0x9E37_79B9_7F4A_7C15)) }
        s0 = sm.next()
        s1 = sm.next()
        s2 = sm.next()
        s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform integer in `0..<n` (n > 0), by Lemire's multiply-shift (bias below 2⁻³²
    /// for the small ranges used here, and no rejection loop, so the stream stays aligned).
    public mutating func int(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A uniform integer in the closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(range.count) }

    /// A uniform integer in the closed range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { int(in: range) }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { p > 0 && unit() < p }

    /// A uniformly chosen element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// A normally distributed value (Box–Muller).
    public mutating func normal(mean: Double, deviation: Double) -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return mean + deviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Poisson-distributed count (Knuth's method; fine for the small means used here).
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let limit = exp(-mean)
        var k = 0
        var p = unit()
        while p > limit && k < 100 {
            k += 1
            p *= unit()
        }
        return k
    }

    /// How many of an expected `mean` events happen: the whole part, plus one with the fractional part's probability.
    public mutating func count(expected mean: Double) -> Int {
        let whole = mean.rounded(.down)
        return Int(whole) + (chance(mean - whole) ? 1 : 0)
    }
}

/// SplitMix64, used only to expand a seed into xoshiro's state.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Cumulative weights for drawing an index in proportion to its weight.
struct WeightedTable: Sendable {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var total = 0.0
        cumulative = weights.map { w in
            total += max(0, w)
            return total
        }
        precondition(total > 0, "a weighted table needs a positive weight")
    }

    /// The number of entries.
    var count: Int { cumulative.count }

    /// Draws an index.
    func draw(_ rng: inout SimulationRandom) -> Int {
        let x = rng.unit() * cumulative[cumulative.count - 1]
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
