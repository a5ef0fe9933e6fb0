import Foundation
import Testing

@testable import RiskModels

/// The bucketed cut count against counting the cuts one by one.
@Suite struct CutBucketsTests {
    /// Cut lists of several shapes: Gaussian quantiles (dense in the middle), a skewed
    /// (exponential) list, a few cuts, two cuts, a tight cluster inside a wide range, and a
    /// range too wide to scale.
    static func lists() -> [[Double]] {
        var rng = SeededGenerator(seed: 5)
        func normal() -> Double {
            let u = max(rng.nextUnit(), 1e-12)
            return sqrt(-2 * log(u)) * cos(2 * .pi * rng.nextUnit())
        }
        let gaussian = Array(Set((0..<150).map { _ in normal() * 1.7 })).sorted()
        let skewed = Array(Set((0..<200).map { _ in -log(max(rng.nextUnit(), 1e-12)) * 1000 })).sorted()
        let cluster = ([-1e6, 1e6] + (0..<40).map { 1 + Double($0) * 1e-9 }).sorted()
        return [gaussian, skewed, [0.5, 1.5, 2.5, 7], [-0.0, 3], cluster, [-1e308, 0, 1e308], []]
    }

    @Test func countsEqualCountingTheCuts() {
        var rng = SeededGenerator(seed: 8)
        for list in Self.lists() {
            // With the +∞ padding QuantisedTrees adds.
            let buckets = CutBuckets(cuts: [list + [.infinity, .infinity]])
            var values: [Double] = [0, -0.0, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
            for cut in list { values += [cut, cut.nextUp, cut.nextDown] }
            if let first = list.first, let last = list.last {
                for _ in 0..<2000 { values.append(first - 1 + (last - first + 2) * rng.nextUnit()) }
            }
            var answered = 0
            buckets.withFeature(0) { lookup in
                for x in values {
                    let expected = list.filter { $0 < x }.count
                    if let below = lookup.below(x) {
                        #expect(below == expected, "x = \(x) in \(list.count) cuts")
                        answered += 1
                    }
                }
            }
            // Only a crowded bucket defers to the search; most values are answered.
            if list.count <= 2 || list == Self.lists()[0] { #expect(answered == values.count) }
        }
    }

    @Test func binningWithBucketsEqualsTheTrainingBins() throws {
        // Skewed and Gaussian columns, missing values and infinities: the scorer's bytes walk
        // the trees to the same leaves as the training bins (rowBins) do.
        var rng = SeededGenerator(seed: 3)
        let rows = 5000
        var a: [Double] = []
        var b: [Double] = []
        var labels: [Double] = []
        for _ in 0..<rows {
            let x = -log(max(rng.nextUnit(), 1e-12)) * 500
            let y = rng.nextUnit() * 2 - 1
            a.append(rng.next() % 17 == 0 ? .nan : x)
            b.append(y)
            labels.append(rng.nextUnit() < 1 / (1 + exp(-(x / 500 - 1 + 3 * y))) ? 1 : 0)
        }
        let data = try Dataset(names: ["a", "b"], columns: [.numeric(a), .numeric(b)])
        var parameters = GBDTParameters()
        parameters.iterations = 30
        let model = try GradientBoostedTrees.train(data, labels: labels, parameters: parameters)
        let margins = try model.margins(data)
        for row in 0..<rows {
            let bins = model.rowBins(data, row: row)
            let expected = model.trees.reduce(model.initialScore) { $0 + $1.value { bins[$0] } }
            #expect(abs(margins[row] - expected) < 1e-12)
        }
    }
}
