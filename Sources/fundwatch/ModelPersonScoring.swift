import Foundation
import FundWatchCore
import Ledger
import RiskFeatures
import RiskModels
import Storage

extension ModelCommand {
    /// Scores every person with a person model and stores the scores and their reasons beside
    /// the findings (table risk_score), after recording the model version in the ledger: what
    /// `score-persons` does, and what `retrain` does with each version it trains, so the alert
    /// queue's risk order and the person pages follow the newest model without a second command.
    struct PersonScoring {
        var reasons = 3
        /// Reasons are computed for this many of the highest scores only (TreeSHAP costs far
        /// more than a score).
        var explainTop = 2_000
        var actor: String

        /// What was scored and stored.
        struct Outcome {
            var timelines: [PersonTimeline]
            var stored: [PersonRiskScore]
            /// Row numbers from the highest score down.
            var ranked: [Int]
            var explained: Int
            var ledgerIndex: UInt64
            var subject: String
        }

        func run(
            model riskModel: RiskModel, sha256: String, timelines: [PersonTimeline],
            extractor: PersonFeatureExtractor, database: FundWatchDatabase, dataFolder: String,
            recordedAt ledgerIndex: UInt64? = nil
        ) async throws -> Outcome {
            let results = try PersonScorer(model: riskModel, reasons: reasons, explainTop: explainTop)
                .score(timelines, extractor: extractor)
            let ranked = results.indices.sorted {
                results[$0].score != results[$1].score ? results[$0].score > results[$1].score : $0 < $1
            }

            let now = ISO8601DateFormatter().string(from: SystemClock.now)
            let subject = "risk_model/\(riskModel.kind.rawValue)/\(sha256.prefix(16))"
            // A version the caller has just recorded (retrain) is not recorded twice.
            let index =
                try ledgerIndex
                ?? AuditTrail.open(data: dataFolder).record(
                    AuditTrail.Record(type: .ruleVersion, actor: actor, subject: subject, payloadSHA256: sha256))
            let version = RiskModelVersion(
                sha256: sha256, kind: riskModel.kind.rawValue, features: riskModel.schema.names,
                trainingRows: riskModel.summary.trainingRows, validationAUC: riskModel.summary.validationAUC,
                recordedAt: now, ledgerIndex: Int64(index))
            let stored = timelines.indices.map { i in
                PersonRiskScore(
                    idNumber: timelines[i].idNumber.value, modelSHA256: sha256, score: results[i].score,
                    reasons: results[i].reasons.map(\.description), regionCode: timelines[i].person?.regionCode)
            }
            try await database.storeRiskScores(stored, model: version)
            return Outcome(
                timelines: timelines, stored: stored, ranked: ranked, explained: min(explainTop, timelines.count),
                ledgerIndex: index, subject: subject)
        }
    }
}
