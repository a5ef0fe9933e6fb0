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
            abstract: "Score every person in a data folder with a model trained on `model features`; store scores and reasons.",
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
            let all = extractor.parallelDataset(for: timelines)
            let data = try Self.columns(riskModel.schema.names, of: all, model: model)
            let scores = try riskModel.scores(data)
            let ranked = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            let explained = Array(ranked.prefix(explainTop))
            var why = [[Reason]](repeating: [], count: scores.count)
            for (k, reasonList) in try ModelCommand.Score.reasons(riskModel, data.rows(explained), count: reasons)
                .enumerated()
            {
                why[explained[k]] = reasonList
            }

            let now = ISO8601DateFormatter().string(from: SystemClock.now)
            let subject = "risk_model/\(riskModel.kind.rawValue)/\(sha256.prefix(16))"
            let range = try AuditTrail.open(data: options.data).record([
                AuditTrail.Record(
                    type: .ruleVersion, actor: "fundwatch model score-persons", subject: subject, payloadSHA256: sha256)
            ])
            let version = RiskModelVersion(
                sha256: sha256, kind: riskModel.kind.rawValue, features: riskModel.schema.names,
                trainingRows: riskModel.summary.trainingRows, validationAUC: riskModel.summary.validationAUC,
                recordedAt: now, ledgerIndex: Int64(range.lowerBound))
            let stored = timelines.indices.map { i in
                PersonRiskScore(
                    idNumber: timelines[i].idNumber.value, modelSHA256: sha256, score: scores[i],
                    reasons: why[i].map(\.description), regionCode: timelines[i].person?.regionCode)
            }
            try await database.storeRiskScores(stored, model: version)

            // Institutions have no labels yet: rank them among their peers, unsupervised.
            let activities = InstitutionActivity.collect(timelines, context: extractor.context)
            let institutions = try InstitutionRiskRanker(seed: seed).rank(activities).map {
                InstitutionRiskScore(
                    institutionID: $0.institutionID, role: $0.role, regionCode: $0.regionCode, score: $0.score,
                    reasons: $0.reasons)
            }
            try await database.replaceInstitutionRisks(institutions, at: now)

            print("scored \(timelines.count) persons with \(riskModel.kind.rawValue) model \(sha256.prefix(12))")
            print("  model version recorded in the ledger at index \(range.lowerBound) (\(subject))")
            print("  reasons for the \(explained.count) highest scores; \(institutions.count) institutions ranked")
            for i in ranked.prefix(top) {
                let s = stored[i]
                let score = String(format: "%.4f", s.score)
                print("  \(timelines[i].idNumber.masked)  \(score)  \(s.reasons.joined(separator: "; "))")
            }
        }

        /// The model's columns, in its order, from the person feature table.
        static func columns(_ names: [String], of data: Dataset, model: String) throws -> Dataset {
            var picked = [Dataset.Column]()
            for name in names {
                guard let index = data.names.firstIndex(of: name) else {
                    throw CLIError(
                        "\(model) reads the feature '\(name)', which person features do not have; train the model on the "
                            + "output of `fundwatch model features` (see `fundwatch model features --list`)")
                }
                picked.append(data.columns[index])
            }
            return try Dataset(names: names, columns: picked)
        }
    }
}
