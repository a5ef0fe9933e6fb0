import Testing

@testable import RiskModels

@Suite struct TreeSHAPTests {
    /// The path-dependent value of a coalition: features in `known` follow the row, others
    /// average over both children by cover.
    private func coalitionValue(_ tree: RegressionTree, _ ref: Int, bins: [Int], known: Set<Int>) -> Double {
        if ref < 0 { return tree.leaves[~ref].value }
        let node = tree.nodes[ref]
        if known.contains(node.feature) {
            return coalitionValue(tree, node.goesLeft(bins[node.feature]) ? node.left : node.right, bins: bins, known: known)
        }
        let l = coalitionValue(tree, node.left, bins: bins, known: known)
        let r = coalitionValue(tree, node.right, bins: bins, known: known)
        return (tree.cover(node.left) * l + tree.cover(node.right) * r) / node.cover
    }

    /// Shapley values by enumerating every coalition.
    private func bruteForce(_ tree: RegressionTree, bins: [Int], features: Int) -> [Double] {
        func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }
        var phi = [Double](repeating: 0, count: features)
        for i in 0..<features {
            let others = (0..<features).filter { $0 != i }
            for mask in 0..<(1 << others.count) {
                let subset = Set(others.indices.filter { mask & (1 << $0) != 0 }.map { others[$0] })
                let weight = factorial(subset.count) * factorial(features - subset.count - 1) / factorial(features)
                let with = coalitionValue(tree, tree.root, bins: bins, known: subset.union([i]))
                let without = coalitionValue(tree, tree.root, bins: bins, known: subset)
                phi[i] += weight * (with - without)
            }
        }
        return phi
    }

    /// A small tree that splits on feature 0 twice on one path, with a missing-left split and a
    /// categorical one.
    private let tree = RegressionTree(
        nodes: [
            .init(feature: 0, threshold: 5, missingLeft: false, leftBins: nil, left: 1, right: 2, cover: 100, gain: 1),
            .init(feature: 1, threshold: 3, missingLeft: true, leftBins: nil, left: 3, right: ~0, cover: 60, gain: 1),
            .init(feature: 2, threshold: 0, missingLeft: false, leftBins: [1, 4], left: ~1, right: ~2, cover: 40, gain: 1),
            .init(feature: 0, threshold: 2, missingLeft: false, leftBins: nil, left: ~3, right: ~4, cover: 45, gain: 1),
        ],
        leaves: [
            .init(value: 0.7, cover: 15), .init(value: -0.4, cover: 25), .init(value: 1.3, cover: 15),
            .init(value: -1.1, cover: 20), .init(value: 0.2, cover: 25),
        ])

    @Test(arguments: [[1, 1, 4], [3, 0, 2], [7, 2, 1], [0, 5, 3], [9, 9, 0]])
    func matchesBruteForceShapleyValues(bins: [Int]) {
        var phi = [Double](repeating: 0, count: 4)
        TreeSHAP.accumulate(tree, rowBins: bins, into: &phi)
        let expected = bruteForce(tree, bins: bins, features: 3)
        for f in 0..<3 { #expect(abs(phi[f] - expected[f]) < 1e-12, "feature \(f)") }
        // Efficiency: contributions plus the expected value give the tree's value.
        let value = tree.value { bins[$0] }
        #expect(abs(phi.reduce(0, +) - value) < 1e-12)
    }

    @Test func contributionsSumToTheMarginOfATrainedModel() throws {
        let (data, labels) = SyntheticData.classification(rows: 3000, seed: 11)
        var parameters = GBDTParameters()
        parameters.iterations = 30
        let model = try GradientBoostedTrees.train(data, labels: labels, parameters: parameters)
        let margins = try model.margins(data)
        for row in stride(from: 0, to: 3000, by: 97) {
            let phi = try model.contributions(data, row: row)
            #expect(phi.count == data.names.count + 1)
            #expect(abs(phi.reduce(0, +) - margins[row]) < 1e-9)
        }
    }
}
