import Testing

@testable import RiskModels

@Suite struct IsolationForestTests {
    @Test func findsPlantedOutliersAndNamesTheirFeature() throws {
        let (data, labels) = SyntheticData.outliers(inliers: 3000, outliers: 30, features: 5, seed: 1)
        var parameters = IsolationForestParameters()
        parameters.seed = 3
        let forest = try IsolationForest.train(data, parameters: parameters)
        let scores = try forest.scores(data)
        let auc = try #require(Metrics.rocAUC(scores: scores, labels: labels))
        #expect(auc > 0.97)
        #expect(scores.allSatisfy { $0 > 0 && $0 <= 1 })
        // The outliers stand out in feature f1: it is their first reason.
        for row in 3000..<3030 {
            let reasons = try forest.reasons(data, row: row)
            #expect(reasons.first?.feature == 1)
            #expect(abs(reasons.reduce(0) { $0 + $1.share } - 1) < 1e-9)
        }
        let again = try IsolationForest.train(data, parameters: parameters)
        #expect(again.nodes == forest.nodes)
    }

    @Test func averagePathLengthFollowsTheHarmonicFormula() {
        #expect(IsolationForest.averagePathLength(1) == 0)
        #expect(IsolationForest.averagePathLength(2) == 1)
        // 2·H(255) − 2·255/256 with H(i) ≈ ln i + γ.
        #expect(abs(IsolationForest.averagePathLength(256) - 10.244_770_920_116_851) < 1e-9)
    }

    @Test func rareCategoriesIsolateAndConstantDataIsAnError() throws {
        // Levels a (60%), b (39%) and a rare one (1%): rare rows stand out on their level alone.
        var codes = [Int32](repeating: 0, count: 2000)
        for i in 0..<2000 { codes[i] = i % 100 < 60 ? 0 : i % 100 < 99 ? 1 : 2 }
        var generator = SeededGenerator(seed: 2)
        let x = (0..<2000).map { _ in generator.nextUnit() }
        let data = try Dataset(
            names: ["x", "kind"], columns: [.numeric(x), .categorical(codes: codes, levels: ["a", "b", "rare"])])
        let forest = try IsolationForest.train(data)
        let scores = try forest.scores(data)
        let isRare = codes.map { $0 == 2 ? 1.0 : 0.0 }
        #expect(try #require(Metrics.rocAUC(scores: scores, labels: isRare)) > 0.95)
        let flat = try Dataset(names: ["c"], columns: [.numeric([Double](repeating: 4, count: 50))])
        #expect(throws: RiskModelError(.noUsableFeature, "")) { try IsolationForest.train(flat) }
    }

    @Test func robustZScoresArePerPeerGroup() {
        let values: [Double] = [10, 11, 12, 13, 100, 1, 1, 1, 1, 5, .nan]
        let groups = ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"]
        let z = RobustZScore.scores(values, groups: groups)
        // Group a: median 12, MAD 1 → (100 − 12) · 0.6745.
        #expect(abs(z[4] - 88 * 0.6745) < 1e-9)
        #expect(z[2] == 0)
        // Group b: MAD 0, mean absolute deviation 0.8 stands in.
        #expect(abs(z[9] - 4 / (0.8 * 1.2533)) < 1e-9)
        #expect(z[5] == 0)
        #expect(z[10].isNaN)
    }
}
