@testable import AuditRules
import Testing

@Suite struct BaselineTests {
    /// The textbook two-pass reference.
    static func reference(_ xs: [Double]) -> (mean: Double, sigma: Double) {
        let mean = xs.reduce(0, +) / Double(xs.count)
        let v = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count - 1)
        return (mean, v.squareRoot())
    }

    @Test func welfordMatchesTheTwoPassReferenceOnLargeCloseValues() {
        // Monthly pensions near ¥3,000,000.00 in fen: the naive Σx² formula loses every digit here.
        let xs = (0..<10_000).map { 300_000_000.0 + Double(($0 * 7919) % 101) }
        var m = RunningMoments()
        for x in xs { m.add(x) }
        let r = Self.reference(xs)
        #expect(abs(m.mean - r.mean) < 1e-6)
        #expect(abs(m.sigma - r.sigma) < 1e-6)
        #expect(m.count == 10_000)
    }

    /// The resolved baselines' open-addressing table finds exactly the keys it was given,
    /// whatever their number (one slot, clustered keys of one county, keys that differ only in
    /// kind), and nothing else.
    @Test(arguments: [0, 1, 2, 3, 100, 5_000])
    func theBaselineIndexFindsExactlyItsKeys(_ count: Int) {
        var random = SplitMix(seed: UInt64(count) + 1)
        var entries = [BaselineTable.Key: Baseline]()
        while entries.count < count {
            let key = BaselineTable.Key(
                kind: UInt8(random.next() % 3), region: Int32(370_100 + random.next() % 20), period: Int32(24_300 + random.next() % 400))
            entries[key] = Baseline(count: entries.count, mean: Double(random.next() % 1000), sigma: 1, median: 2, mad: 3, level: "county/month")
        }
        let index = BaselineIndex(entries)
        #expect(index.count == count)
        for (key, value) in entries { #expect(index.find(key) == value) }
        for _ in 0..<500 {
            let key = BaselineTable.Key(
                kind: UInt8(random.next() % 4), region: Int32(370_100 + random.next() % 25), period: Int32(24_300 + random.next() % 500))
            #expect(index.find(key) == entries[key])
        }
    }

    @Test func mergingChunksEqualsOnePass() {
        let xs = (0..<1_000).map { Double(($0 * 37) % 211) * 1.5 }
        var whole = RunningMoments()
        for x in xs { whole.add(x) }
        var parts = [RunningMoments](repeating: RunningMoments(), count: 7)
        for (i, x) in xs.enumerated() { parts[i % 7].add(x) }
        var merged = RunningMoments()
        for p in parts { merged.merge(p) }
        #expect(merged.count == whole.count)
        #expect(abs(merged.mean - whole.mean) < 1e-9)
        #expect(abs(merged.sigma - whole.sigma) < 1e-9)
        #expect(whole.zScore(whole.mean) == 0)
    }

    @Test func medianAndMADResistAnOutlier() {
        let usual = [2900.0, 3000, 3000, 3100, 3050, 2950, 3000]
        let spread = RobustSpread(usual + [300_000])
        #expect(spread.median == 3000)
        #expect(spread.mad == 50)
        #expect(spread.robustScore(300_000) > 3)
        #expect(abs(spread.robustScore(3050)) < 1)
        var m = RunningMoments()
        for x in usual + [300_000] { m.add(x) }
        // The outlier inflates σ so much that 3σ misses it; the robust score does not.
        #expect(m.zScore(300_000) < 3)
        #expect(RobustSpread([Double]()).median == 0)
    }
}
