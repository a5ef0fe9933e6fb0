import ArgumentParser
import Foundation
import FundWatchCore
import Ledger
import RiskFeatures
import RiskModels
import Storage

extension ModelCommand {
    /// `fundwatch model score-persons`: score every person in a data folder and store the scores.
    struct ScorePersons: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "score-persons",
            abstract:
                "Score every person in a data folder with a model trained on `model features`; store scores and reasons.",
            discussion: """
                Computes the person features of every timeline, scores them, and stores each person's score and \
                top reasons beside the findings (table risk_score), replacing the earlier scores of the same \
                model version. The model version (the SHA-256 of its file) is recorded in the ledger first. \
                Institutions (medical institutions, employers) are ranked among their peers by an isolation \
                forest over their features, with reasons (table risk_institution_score, served at \
                /api/v1/risk/institutions).
                """)

        @OptionGroup var options: DataOptions

        @Option(help: "The model file (trained on the columns of `fundwatch model features`).")
        var model: String

        @Option(help: "How many reasons to keep per person.")
        var reasons: Int = 3

        @Option(
            name: .customLong("explain-top"),
            help: "Compute reasons for this many of the highest scores only (TreeSHAP costs far more than a score).")
        var explainTop: Int = 2_000

        @Option(help: "How many of the highest scores to print (ID numbers masked).")
        var top: Int = 10

        @Option(help: "The seed of the institutions' isolation forest (the ranking repeats with it).")
        var seed: UInt64 = 0

        func validate() throws {
            guard (1...10).contains(reasons) else { throw ValidationError("--reasons must be in 1...10") }
            guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
            guard explainTop >= 0 else { throw ValidationError("--explain-top must be 0 or more") }
        }

        func run() async throws {
            let (riskModel, sha256) = try ModelFile.decode(try ModelFiles.read(model), file: model)
            let database = try options.openExisting()
            let timelines = try await database.allTimelines()
            let extractor = PersonFeatureExtractor(context: PopulationContext(timelines: timelines))
            let outcome = try await PersonScoring(
                reasons: reasons, explainTop: explainTop, actor: "fundwatch model score-persons"
            ).run(
                model: riskModel, sha256: sha256, timelines: timelines, extractor: extractor,
                database: database, dataFolder: options.data)

            // Institutions have no labels yet: rank them among their peers, unsupervised.
            let activities = InstitutionActivity.collect(timelines, context: extractor.context)
            let institutions = try InstitutionRiskRanker(seed: seed).rank(activities).map {
                InstitutionRiskScore(
                    institutionID: $0.institutionID, role: $0.role, regionCode: $0.regionCode, score: $0.score,
                    reasons: $0.reasons)
            }
            try await database.replaceInstitutionRisks(
                institutions, at: ISO8601DateFormatter().string(from: SystemClock.now))

            print("scored \(timelines.count) persons with \(riskModel.kind.rawValue) model \(sha256.prefix(12))")
            print("  model version recorded in the ledger at index \(outcome.ledgerIndex) (\(outcome.subject))")
            print("  reasons for the \(outcome.explained) highest scores; \(institutions.count) institutions ranked")
            for i in outcome.ranked.prefix(top) {
                let s = outcome.stored[i]
                let score = String(format: "%.4f", s.score)
                print("  \(timelines[i].idNumber.masked)  \(score)  \(s.reasons.joined(separator: "; "))")
            }
        }
    }
}
