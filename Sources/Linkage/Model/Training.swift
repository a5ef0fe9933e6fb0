/// Estimating a Fellegi–Sunter model without labels: u from random pairs, m by
/// expectation–maximisation on each blocking rule's pairs (leaving out the comparisons of the
/// columns that rule blocks on, whose agreement the blocking forces), the prior by EM over all
/// candidate pairs with every other pair taken as a non-match.
enum Training {
    /// A histogram of comparison patterns: pattern code → number of pairs.
    typealias Histogram = [UInt32: Double]

    /// u from `sampleSize` random pairs (almost all non-matches), smoothed so no level is 0.
    static func estimateU(
        model: inout FellegiSunterModel, scorer: PatternScorer, store: RecordStore, linkAcrossInputsOnly: Bool,
        sampleSize: Int, seed: UInt64
    ) {
        var random = SplitMix64(seed: seed)
        let n = store.count
        guard n >= 2 else { return }
        var counts = model.comparisons.map { [Double](repeating: 0, count: $0.levelCount) }
        var caches = model.comparisons.map { _ in LevelCache(bits: 14) }
        // In link mode a pair is drawn across two inputs directly: 25 thousand records against a
        // million registry rows would otherwise waste 24 draws in 25 on pairs of one input.
        var crossPairs = [(first: Int, second: Int, cumulative: Double)]()
        if linkAcrossInputsOnly {
            var total = 0.0
            for i in store.tables.indices {
                for j in store.tables.indices where j > i {
                    total += Double(store.tables[i].count) * Double(store.tables[j].count)
                    crossPairs.append((i, j, total))
                }
            }
            guard total > 0 else { return }
            crossPairs = crossPairs.map { ($0.first, $0.second, $0.cumulative / total) }
        }
        var drawn = 0
        var attempts = 0
        while drawn < sampleSize && attempts < sampleSize * 20 {
            attempts += 1
            let a: Int
            let b: Int
            if linkAcrossInputsOnly {
                let x = Double(random.next() >> 11) / Double(1 << 53)
                let pick = crossPairs.first { x < $0.cumulative } ?? crossPairs[crossPairs.count - 1]
                a = store.offsets[pick.first] + Int(random.next() % UInt64(store.tables[pick.first].count))
                b = store.offsets[pick.second] + Int(random.next() % UInt64(store.tables[pick.second].count))
            } else {
                a = Int(random.next() % UInt64(n))
                b = Int(random.next() % UInt64(n))
                if a == b { continue }
            }
            drawn += 1
            for k in model.comparisons.indices {
                let level = Int(scorer.prepared[k].level(a, b, cache: &caches[k]))
                if level < counts[k].count { counts[k][level] += 1 }
            }
        }
        for k in counts.indices {
            let total = counts[k].reduce(0, +)
            let levels = Double(counts[k].count)
            model.u[k] = counts[k].map { ($0 + 0.5) / (total + 0.5 * levels) }
        }
    }

    /// m by EM on one rule's pattern histogram with u fixed, over the comparisons in `included`.
    /// Returns m for those comparisons and the share of matches.
    static func expectationMaximisation(
        histogram: Histogram, model: FellegiSunterModel, scorer: PatternScorer, included: [Int], iterations: Int
    ) -> (m: [Int: [Double]], matchShare: Double) {
        var m = [Int: [Double]]()
        for k in included { m[k] = model.m[k] }
        var share = 0.3
        let patterns = histogram.map { (levels: scorer.levels(of: $0.key), count: $0.value) }
        let total = patterns.reduce(0) { $0 + $1.count }
        guard total > 0, !included.isEmpty else { return (m, share) }
        for _ in 0..<iterations {
            var mCounts = [Int: [Double]]()
            for k in included { mCounts[k] = [Double](repeating: 0, count: model.comparisons[k].levelCount) }
            var matched = 0.0
            for p in patterns {
                var likelihoodMatch = share
                var likelihoodNon = 1 - share
                for k in included {
                    let level = Int(p.levels[k])
                    if level >= model.comparisons[k].levelCount { continue }
                    likelihoodMatch *= m[k]![level]
                    likelihoodNon *= model.u[k][level]
                }
                let posterior = likelihoodMatch / (likelihoodMatch + likelihoodNon)
                let weight = posterior * p.count
                matched += weight
                for k in included {
                    let level = Int(p.levels[k])
                    if level < model.comparisons[k].levelCount { mCounts[k]![level] += weight }
                }
            }
            var change = abs(matched / total - share)
            share = min(max(matched / total, 1e-9), 1 - 1e-9)
            for k in included {
                let counts = mCounts[k]!
                let sum = counts.reduce(0, +)
                guard sum > 0 else { continue }
                let levels = Double(counts.count)
                let next = counts.map { ($0 + 1e-3) / (sum + 1e-3 * levels) }
                for i in next.indices { change = max(change, abs(next[i] - m[k]![i])) }
                m[k] = next
            }
            if change < 1e-6 { break }
        }
        return (m, share)
    }

    /// The prior: EM on the share of matches among all pairs, candidate pairs scored with m and
    /// u fixed and every pair that no rule made counted as a non-match.
    static func estimatePrior(
        histogram: Histogram, certainMatches: Double, totalPairs: Double, model: FellegiSunterModel,
        scorer: PatternScorer
    ) -> Double {
        let patterns = histogram.map { (bf: scorer.bayesFactor(pattern: $0.key, model: model), count: $0.value) }
        var prior = max(1e-12, min(0.5, (certainMatches + 1) / totalPairs))
        for _ in 0..<200 {
            let odds = prior / (1 - prior)
            var expected = certainMatches
            for p in patterns {
                let o = odds * p.bf
                expected += p.count * o / (1 + o)
            }
            let next = max(1e-12, min(0.5, expected / totalPairs))
            if abs(next - prior) <= 1e-4 * prior {
                prior = next
                break
            }
            prior = next
        }
        return prior
    }
}

/// A small seeded generator (SplitMix64), so that training repeats exactly from a seed.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
