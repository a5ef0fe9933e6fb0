import Foundation
import Testing

@testable import RiskModels

@Suite struct RetrainingTests {
    @Test func precisionAtKAndAUCOnAHandMadeRanking() {
        // Scores rank rows 3, 0, 4, 1, 2; labels 1 on rows 0, 2 and 3.
        let scores = [0.8, 0.3, 0.1, 0.9, 0.5]
        let labels: [Double] = [1, 0, 1, 1, 0]
        let quality = ModelQuality.measure(scores: scores, labels: labels, k: 3)
        #expect(quality.k == 3)
        #expect(quality.precisionAtK == 2.0 / 3.0)  // rows 3, 0 hit; row 4 misses
        #expect(quality.rows == 5)
        #expect(quality.positives == 3)
        // Positive/negative pairs ordered right: (0,1) (0,4) (3,1) (3,4) of six.
        #expect(quality.rocAUC == 4.0 / 6.0)
        #expect(ModelQuality.measure(scores: scores, labels: labels, k: 50).k == 5)
        #expect(ModelQuality.measure(scores: scores, labels: labels, k: 0).precisionAtK == nil)
    }

    @Test func decidesOnTheNumberOfNewLabels() {
        #expect(Retraining.decide(newLabels: 3, minimumNewLabels: 50, hasVersion: false) == .train)
        #expect(Retraining.decide(newLabels: 0, minimumNewLabels: 50, hasVersion: false) == .wait(have: 0, need: 50))
        #expect(Retraining.decide(newLabels: 49, minimumNewLabels: 50, hasVersion: true) == .wait(have: 49, need: 50))
        #expect(Retraining.decide(newLabels: 50, minimumNewLabels: 50, hasVersion: true) == .train)
    }

    @Test func countsCaseDecisionsSinceTheLastVersionAsNew() {
        // The first version: every label is new.
        #expect(Retraining.newLabelCount(labels: 5000, caseLabels: 0, casesDecidedSinceLastVersion: 0, last: nil) == 5000)
        // Nothing changed since.
        #expect(Retraining.newLabelCount(labels: 5000, caseLabels: 0, casesDecidedSinceLastVersion: 0, last: (5000, 0)) == 0)
        // 70 cases decided about persons the truth had labelled: the count stays 5000, yet 70 are new.
        #expect(Retraining.newLabelCount(labels: 5000, caseLabels: 70, casesDecidedSinceLastVersion: 70, last: (5000, 0)) == 70)
        // Cases decided before the last version are not new again; 20 persons more from the truth are.
        #expect(Retraining.newLabelCount(labels: 5020, caseLabels: 70, casesDecidedSinceLastVersion: 0, last: (5000, 70)) == 20)
        // Labels from cases alone (no truth this time): the decided cases count, the vanished truth labels do not.
        #expect(Retraining.newLabelCount(labels: 90, caseLabels: 90, casesDecidedSinceLastVersion: 20, last: (5000, 70)) == 20)
    }

    @Test func holdsOutEachClassAndMeasuresOnUnseenRows() throws {
        let (data, labels) = SyntheticData.classification(rows: 3000, seed: 21)
        let (train, held) = Retraining.stratifiedSplit(labels: labels, fraction: 0.3, seed: 4)
        #expect(Set(train).isDisjoint(with: held))
        #expect(train.count + held.count == labels.count)
        let positives = labels.filter { $0 > 0.5 }.count
        let heldPositives = held.filter { labels[$0] > 0.5 }.count
        #expect(heldPositives == Int((Double(positives) * 0.3).rounded()))

        var options = RiskTrainingOptions()
        options.gbdt.iterations = 30
        let result = try Retraining.train(kind: .gbdt, data: data, labels: labels, k: 100, options: options, seed: 4)
        #expect(result.trainingRows == train.count)
        #expect(result.quality.rows == held.count)
        #expect(result.quality.positives == heldPositives)
        let auc = try #require(result.quality.rocAUC)
        #expect(auc > 0.78)
        let precision = try #require(result.quality.precisionAtK)
        #expect(precision > Double(positives) / Double(labels.count))
        // Same seed, same version.
        let again = try Retraining.train(kind: .gbdt, data: data, labels: labels, k: 100, options: options, seed: 4)
        #expect(again.quality == result.quality)
    }

    @Test func tooFewLabelsOfOneClassIsAClearError() throws {
        let (data, _) = SyntheticData.classification(rows: 200, seed: 2)
        var labels = [Double](repeating: 0, count: 200)
        labels[7] = 1
        let error = #expect(throws: RiskModelError.self) {
            try Retraining.train(kind: .gbdt, data: data, labels: labels)
        }
        #expect(error?.code == .oneClass)
        #expect(error?.description.contains("wait for more decided cases") == true)
    }
}
