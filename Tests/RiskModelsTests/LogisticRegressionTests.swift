import Foundation
import Testing

@testable import RiskModels

@Suite struct LogisticRegressionTests {
    /// Labels from a known linear model: x0 +2, x1 −1, x2 nothing, level "b" +1.
    private func linearData(rows: Int, seed: UInt64) throws -> (Dataset, [Double]) {
        var generator = SeededGenerator(seed: seed)
        var x0: [Double] = []
        var x1: [Double] = []
        var x2: [Double] = []
        var kind: [Int32] = []
        var labels: [Double] = []
        for _ in 0..<rows {
            let a = generator.nextUnit() * 4 - 2
            let b = generator.nextUnit() * 10
            let c = generator.nextUnit()
            let k = Int32(generator.next() % 2)
            let margin = 2 * a - 1 * (b - 5) / 2.887 + (k == 1 ? 1 : 0) - 0.5
            labels.append(generator.nextUnit() < 1 / (1 + exp(-margin)) ? 1 : 0)
            x0.append(a)
            x1.append(b)
            x2.append(c)
            kind.append(k)
        }
        let data = try Dataset(
            names: ["x0", "x1", "x2", "kind", "constant"],
            columns: [
                .numeric(x0), .numeric(x1), .numeric(x2), .categorical(codes: kind, levels: ["a", "b"]),
                .numeric([Double](repeating: 3, count: rows)),
            ])
        return (data, labels)
    }

    @Test func recoversTheGeneratingCoefficients() throws {
        let (data, labels) = try linearData(rows: 20_000, seed: 1)
        let model = try LogisticRegression.train(data, labels: labels)
        // x0 has sd 4/√12 ≈ 1.155: standardised coefficient ≈ 2 · 1.155.
        let b0 = try #require(model.terms[0].coefficient)
        let b1 = try #require(model.terms[1].coefficient)
        let b2 = try #require(model.terms[2].coefficient)
        #expect(abs(b0 - 2.309) < 0.15)
        #expect(abs(b1 + 1.0) < 0.1)
        #expect(abs(b2) < 0.1)
        let levels = try #require(model.terms[3].levelCoefficients)
        #expect(abs((levels[1] - levels[0]) - 1) < 0.15)
        #expect(model.terms[4].coefficient == nil)
        #expect(model.summary.ignoredFeatures == ["constant"])
        #expect((model.summary.validationAUC ?? 0) > 0.8)
    }

    @Test func contributionsSumToTheMarginAndMissingIsTheMean() throws {
        let (data, labels) = try linearData(rows: 2000, seed: 2)
        let model = try LogisticRegression.train(data, labels: labels)
        let margins = try model.margins(data)
        for row in stride(from: 0, to: 2000, by: 131) {
            let terms = try model.contributions(data, row: row)
            #expect(abs(terms.reduce(0, +) - margins[row]) < 1e-9)
        }
        let missing = try Dataset(
            names: data.names,
            columns: [
                .numeric([.nan]), .numeric([.nan]), .numeric([.nan]), .categorical(codes: [-1], levels: ["a", "b"]),
                .numeric([.nan]),
            ])
        #expect(try model.margins(missing) == [model.intercept])
    }

    @Test func balancedClassWeightsRaiseRarePositives() throws {
        var generator = SeededGenerator(seed: 4)
        let x = (0..<5000).map { _ in generator.nextUnit() }
        let labels = x.map { generator.nextUnit() < 0.05 + 0.1 * $0 ? 1.0 : 0.0 }
        let data = try Dataset(names: ["x"], columns: [.numeric(x)])
        let plain = try LogisticRegression.train(data, labels: labels)
        var parameters = LogisticParameters()
        parameters.classWeight = .balanced
        let balanced = try LogisticRegression.train(data, labels: labels, parameters: parameters)
        let meanPlain = try plain.probabilities(data).reduce(0, +) / 5000
        let meanBalanced = try balanced.probabilities(data).reduce(0, +) / 5000
        #expect(meanPlain < 0.15)
        #expect(abs(meanBalanced - 0.5) < 0.05)
    }
}
