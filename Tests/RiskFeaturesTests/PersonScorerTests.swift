import FundWatchCore
import RiskFeatures
import RiskModels
import Testing

/// What `fundwatch model retrain` stores for every person once it has trained a version: the
/// new model's score for each timeline, with reasons (rounded for reading) for the highest.
@Suite("Person scoring after retraining")
struct PersonScorerTests {
    /// 200 honest pensioners and 40 dead ones still paid (some months after death, never verified).
    static func county() -> (timelines: [PersonTimeline], labels: [Double]) {
        var timelines = (1...200).map { Town.honest($0, born: 1940 + $0 % 20) }
        for k in 0..<40 {
            let id = Town.id("1941-05-01", 500 + k)
            timelines.append(
                PersonTimeline(
                    idNumber: id, person: Town.person(id, address: "和平路\(k)号"),
                    payments: Town.pensions(id, from: "2024-01", months: 24, account: "D\(k)"),
                    deaths: [
                        DeathRecord(
                            idNumber: id, deathDate: Town.date("2025-0\(1 + k % 9)-1\(k % 9)"), source: .civilAffairs)
                    ],
                    bankAccounts: [BankAccount(account: "D\(k)", holderIDNumber: id)]))
        }
        return (timelines, (0..<240).map { $0 < 200 ? 0 : 1 })
    }

    @Test("a retrained version scores every person; the planted frauds rank first, with rounded reasons")
    func retrainedVersionScoresEveryone() throws {
        let (timelines, labels) = Self.county()
        let extractor = PersonFeatureExtractor(context: PopulationContext(timelines: timelines))
        var options = RiskTrainingOptions()
        options.logistic.validationFraction = 0
        let trained = try Retraining.train(
            kind: .logistic, data: extractor.parallelDataset(for: timelines), labels: labels, heldOutFraction: 0.3,
            k: 20, options: options, seed: 3)
        #expect(try #require(trained.quality.rocAUC) > 0.95)

        let scored = try PersonScorer(model: trained.model, reasons: 3, explainTop: 50).score(
            timelines, extractor: extractor)
        #expect(scored.count == timelines.count)
        #expect(scored.allSatisfy { $0.score.isFinite && $0.score >= 0 && $0.score <= 1 })
        let ranked = scored.indices.sorted { scored[$0].score > scored[$1].score }
        #expect(ranked.prefix(40).filter { $0 >= 200 }.count >= 36)
        // Reasons for the 50 highest only, at most 3, values with at most one decimal from 1 up.
        #expect(scored.filter { !$0.reasons.isEmpty }.count <= 50)
        #expect(scored.allSatisfy { $0.reasons.count <= 3 })
        let top = scored[ranked[0]].reasons
        #expect(!top.isEmpty)
        for reason in top {
            if let dot = reason.value.firstIndex(of: "."), let v = Double(reason.value), abs(v) >= 1 {
                #expect(reason.value.distance(from: dot, to: reason.value.endIndex) == 2, "\(reason)")
            }
        }
    }

    @Test("a model reading a feature persons lack is a clear error naming it")
    func unknownFeature() throws {
        let (timelines, _) = Self.county()
        let extractor = PersonFeatureExtractor(context: PopulationContext(timelines: timelines))
        let data = try Dataset(names: ["no_such_feature"], columns: [.numeric((0..<240).map { Double($0 % 7) })])
        let model = try RiskModel.train(kind: .iforest, data: data, labels: nil)
        let error = #expect(throws: RiskModelError(.missingColumn, "")) {
            try PersonScorer(model: model).score(timelines, extractor: extractor)
        }
        #expect(error?.message.contains("no_such_feature") == true)
    }
}
