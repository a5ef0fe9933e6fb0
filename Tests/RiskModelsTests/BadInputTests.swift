import Foundation
import Testing

@testable import RiskModels

/// The issue's bad-input list, through the entry point the command line and the web app use
/// (`RiskModel.train` / `scores`), for every model kind: constant or empty features, labels of
/// one class, infinity and NaN. (Unseen levels: `LabeledTableTests`; newer or tampered model
/// files: `ModelFileTests`.)
@Suite struct BadInputTests {
    @Test(
        "constant and empty features are ignored and listed; only such features is an error, naming them",
        arguments: RiskModel.Kind.allCases)
    func constantAndEmptyFeatures(kind: RiskModel.Kind) throws {
        let (data, labels) = SyntheticData.classification(rows: 1500, seed: 21)
        let wider = try Dataset(
            names: data.names + ["constant", "empty"],
            columns: data.columns + [
                .numeric([Double](repeating: 3, count: 1500)), .numeric([Double](repeating: .nan, count: 1500)),
            ])
        let model = try RiskModel.train(kind: kind, data: wider, labels: labels)
        #expect(model.summary.ignoredFeatures == ["constant", "empty"])
        let scores = try model.scores(wider)
        #expect(scores.count == 1500 && scores.allSatisfy(\.isFinite))

        let flat = try Dataset(
            names: ["constant", "empty"],
            columns: [.numeric([Double](repeating: 3, count: 1500)), .numeric([Double](repeating: .nan, count: 1500))])
        let error = #expect(throws: RiskModelError(.noUsableFeature, "")) {
            try RiskModel.train(kind: kind, data: flat, labels: labels)
        }
        #expect(error?.message.contains("constant") == true)
    }

    @Test("labels of one class are an error for supervised models; the forest, which reads none, trains")
    func oneClassLabels() throws {
        let (data, _) = SyntheticData.classification(rows: 600, seed: 22)
        let ones = [Double](repeating: 1, count: 600)
        for kind in [RiskModel.Kind.logistic, .gbdt] {
            let error = #expect(throws: RiskModelError(.oneClass, "")) {
                try RiskModel.train(kind: kind, data: data, labels: ones)
            }
            #expect(error?.message.contains("iforest") == true)
        }
        let forest = try RiskModel.train(kind: .iforest, data: data, labels: ones)
        #expect(try forest.scores(data).count == 600)
    }

    @Test(
        "infinity is refused at training and scoring with its feature and row; NaN is a missing value",
        arguments: RiskModel.Kind.allCases)
    func infinityAndNaN(kind: RiskModel.Kind) throws {
        let (data, labels) = SyntheticData.classification(rows: 1000, seed: 23)
        guard case .numeric(var values) = data.columns[0] else { Issue.record("column 0 is numeric"); return }
        for r in stride(from: 0, to: 1000, by: 9) { values[r] = .nan }
        var columns = data.columns
        columns[0] = .numeric(values)
        let withMissing = try Dataset(names: data.names, columns: columns)
        let model = try RiskModel.train(kind: kind, data: withMissing, labels: labels)
        #expect(try model.scores(withMissing).allSatisfy(\.isFinite))

        values[41] = -.infinity
        columns[0] = .numeric(values)
        let withInfinity = try Dataset(names: data.names, columns: columns)
        let training = #expect(throws: RiskModelError(.badValue, "")) {
            try RiskModel.train(kind: kind, data: withInfinity, labels: labels)
        }
        #expect(training?.message.contains("'\(data.names[0])' is -infinity in row 42") == true)
        let scoring = #expect(throws: RiskModelError(.badValue, "")) { try model.scores(withInfinity) }
        #expect(scoring?.message.contains("row 42") == true)
    }

    @Test("reasons show values rounded for reading")
    func reasonValuesAreRounded() throws {
        #expect(Dataset.rounded(26.916_666_666_666_668) == "26.9")
        #expect(Dataset.rounded(-3.04) == "-3.0")
        #expect(Dataset.rounded(12) == "12")
        #expect(Dataset.rounded(0.012_345) == "0.0123")
        #expect(Dataset.rounded(.nan) == "")
        let (data, labels) = SyntheticData.classification(rows: 2000, seed: 24)
        let model = try RiskModel.train(kind: .gbdt, data: data, labels: labels)
        let reasons = try (0..<50).flatMap { try model.reasons(data, row: $0) }
        #expect(!reasons.isEmpty)
        for reason in reasons {
            // At most one decimal at 1 and above, three significant digits below.
            let value = reason.value
            if let dot = value.firstIndex(of: "."), let number = Double(value), abs(number) >= 1 {
                #expect(value.distance(from: dot, to: value.endIndex) == 2, "\(reason)")
            }
        }
    }
}
