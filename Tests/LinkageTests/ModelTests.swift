import Testing

@testable import Linkage

@Suite struct ExpectationMaximisationTests {
    /// Patterns drawn from a planted mixture: EM, with u known, recovers m and the match share.
    @Test func recoversPlantedM() throws {
        let comparisons = [
            try Comparison(column: "a", method: .jaroWinkler, levels: [.similarity(0.9)]),
            try Comparison(column: "b", method: .exact),
            try Comparison(column: "c", method: .levenshtein, levels: [.distance(1), .distance(2)]),
        ]
        let plantedM: [[Double]] = [[0.85, 0.10, 0.05], [0.95, 0.05], [0.7, 0.15, 0.1, 0.05]]
        let plantedU: [[Double]] = [[0.01, 0.04, 0.95], [0.1, 0.9], [0.005, 0.01, 0.05, 0.935]]
        let share = 0.2
        // A scorer over empty columns only supplies pattern arithmetic.
        let prepared = comparisons.map { PreparedComparison($0, column: EncodedColumn([])) }
        let scorer = try PatternScorer(prepared: prepared)
        var random = SplitMix64(seed: 7)
        func draw(_ p: [Double]) -> Int {
            var x = Double(random.next() >> 11) / Double(1 << 53)
            for (i, v) in p.enumerated() {
                x -= v
                if x < 0 { return i }
            }
            return p.count - 1
        }
        var histogram = Training.Histogram()
        for _ in 0..<200_000 {
            let match = Double(random.next() >> 11) / Double(1 << 53) < share
            var code: UInt32 = 0
            for k in comparisons.indices {
                code += UInt32(draw(match ? plantedM[k] : plantedU[k])) * scorer.radix[k]
            }
            histogram[code, default: 0] += 1
        }
        var model = FellegiSunterModel(comparisons: comparisons)
        model.u = plantedU
        let (m, learnedShare) = Training.expectationMaximisation(
            histogram: histogram, model: model, scorer: scorer, included: [0, 1, 2], iterations: 500)
        #expect(abs(learnedShare - share) < 0.01)
        for k in comparisons.indices {
            for l in plantedM[k].indices {
                #expect(abs(m[k]![l] - plantedM[k][l]) < 0.02, "m[\(k)][\(l)]")
            }
        }
    }
}

@Suite struct ClusteringGuardTests {
    /// Two people with two records each, one wrong strong link between them: the guard keeps
    /// them apart; without it they chain into one.
    @Test func oneBadLinkDoesNotChain() {
        let strong: Set<[Int]> = [[0, 1], [2, 3], [1, 2]]
        let probability: (Int, Int) -> Double = { a, b in strong.contains([min(a, b), max(a, b)]) ? 0.99 : 0.001 }
        let links = [
            ScoredPair(left: 0, right: 1, probability: 0.999, weight: 10),
            ScoredPair(left: 2, right: 3, probability: 0.998, weight: 9),
            ScoredPair(left: 1, right: 2, probability: 0.95, weight: 4),
        ]
        let guarded = Clusterer(recordCount: 5, threshold: 0.9, guardEnabled: true, probability: probability).cluster(
            links)
        #expect(guarded.count == 3)
        #expect(guarded.clusterOf[0] == guarded.clusterOf[1])
        #expect(guarded.clusterOf[2] == guarded.clusterOf[3])
        #expect(guarded.clusterOf[1] != guarded.clusterOf[2])
        #expect(guarded.rejected == 1)
        let plain = Clusterer(recordCount: 5, threshold: 0.9, guardEnabled: false, probability: probability).cluster(
            links)
        #expect(plain.count == 2)
    }

    /// A real chain of typos (A~B, B~C, A~C moderately) still joins.
    @Test func consistentGroupsStillMerge() {
        let probability: (Int, Int) -> Double = { _, _ in 0.5 }
        let links = [
            ScoredPair(left: 0, right: 1, probability: 0.99, weight: 8),
            ScoredPair(left: 1, right: 2, probability: 0.97, weight: 6),
        ]
        let clusters = Clusterer(recordCount: 3, threshold: 0.9, guardEnabled: true, probability: probability).cluster(
            links)
        #expect(clusters.count == 1)
    }
}
