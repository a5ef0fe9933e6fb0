import ArgumentParser
import Foundation
import FundWatchCore
import Ledger
import RiskFeatures
import RiskModels
import Storage

extension ModelCommand {
    /// `fundwatch model retrain`: a new model version from the labels decided cases give.
    struct Retrain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retrain",
            abstract: "Train a new person model version from case outcomes when enough labels are new.",
            discussion: """
                Labels come from the closed and dismissed cases about a person (confirmed fraud = 1; dismissed or \
                no issue = 0) and, with --truth, from a simulator's truth.csv for persons no case decided. When at \
                least --min-new-labels labels are new since the last retrained version (or there is none yet), a \
                stratified, seeded share of the labelled persons is held out, the model trains on the rest, and \
                its ROC-AUC and precision at the top k on the held-out persons are stored per version (table \
                risk_model_quality, shown by the web app); the version's SHA-256 is recorded in the ledger, \
                the model file written to --out, and every person scored with the new version and stored with \
                reasons (table risk_score, as `model score-persons` does), so the alert queue's risk order and \
                the person pages use it at once.
                """)

        @OptionGroup var options: DataOptions

        @Option(help: "A simulator truth.csv: labels for the persons no decided case covers.")
        var truth: String?

        @Option(help: "The model kind: gbdt or logistic.")
        var model: String = "gbdt"

        @Option(help: "Where to write the new model file.")
        var out: String = "person-model.json"

        @Option(name: .customLong("min-new-labels"), help: "Train only when at least this many labels are new.")
        var minNewLabels: Int = 50

        @Option(name: .customLong("held-out"), help: "The share of labelled persons held out to measure quality.")
        var heldOut: Double = 0.3

        @Option(name: .customLong("top-k"), help: "The k of precision at the top k.")
        var topK: Int = 100

        @Option(help: "The seed of the split and the training.")
        var seed: UInt64 = 0

        func validate() throws {
            guard ["gbdt", "logistic"].contains(model) else {
                throw ValidationError("--model must be gbdt or logistic (retraining learns from labels)")
            }
            guard minNewLabels >= 1 else { throw ValidationError("--min-new-labels must be at least 1") }
            guard heldOut > 0, heldOut < 1 else { throw ValidationError("--held-out must be between 0 and 1") }
            guard topK >= 1 else { throw ValidationError("--top-k must be at least 1") }
        }

        func run() async throws {
            let truthLabels = try truth.map { path in try TruthLabels(csv: try ModelFiles.read(path), file: path) }
            let database = try options.openExisting()
            let caseLabels = try await database.caseOutcomeLabels()
            let decided = Dictionary(
                caseLabels.map { ($0.idNumber, $0) }, uniquingKeysWith: { $0.label >= $1.label ? $0 : $1 })
            let history = try await database.modelQualityHistory()
            let lastTrained = history.last.flatMap { ISO8601DateFormatter().date(from: $0.trainedAt) }
            let timelines = try await database.allTimelines()

            // Labelled persons: a decided case wins over the simulator's truth.
            var rows: [Int] = []
            var labels: [Double] = []
            var fromCases = 0
            var casesDecidedSinceLastVersion = 0
            for (row, timeline) in timelines.enumerated() {
                if let outcome = decided[timeline.idNumber.value] {
                    rows.append(row)
                    labels.append(outcome.label)
                    fromCases += 1
                    if let lastTrained, let decidedAt = outcome.decidedAt, decidedAt <= lastTrained { continue }
                    casesDecidedSinceLastVersion += 1
                } else if let truthLabels {
                    rows.append(row)
                    labels.append(truthLabels.label(timeline.idNumber))
                }
            }
            let newLabels = Retraining.newLabelCount(
                labels: labels.count, caseLabels: fromCases, casesDecidedSinceLastVersion: casesDecidedSinceLastVersion,
                last: history.last.map { (labels: $0.labels, caseLabels: $0.caseLabels) })
            let decision = Retraining.decide(
                newLabels: newLabels, minimumNewLabels: minNewLabels, hasVersion: !history.isEmpty)
            if case .wait(let have, let need) = decision {
                print(
                    "no new version: \(have) new labels of the \(need) needed (\(labels.count) labels, \(fromCases) from cases)"
                )
                return
            }

            let extractor = PersonFeatureExtractor(context: PopulationContext(timelines: timelines))
            let data = extractor.parallelDataset(for: rows.map { timelines[$0] })
            let kind: RiskModel.Kind = model == "gbdt" ? .gbdt : .logistic
            let result = try Retraining.train(
                kind: kind, data: data, labels: labels, heldOutFraction: heldOut, k: topK, seed: seed)
            let (bytes, sha256) = try ModelFile.encode(result.model)
            try ModelFiles.write(bytes, to: out)
            // Labels that changed nothing the model learns from (say, decisions that agree with
            // the truth it already had) train the same bytes: that version is already recorded.
            if let same = history.first(where: { $0.modelSHA256 == sha256 }) {
                print(
                    "the \(labels.count) labels (\(newLabels) new, \(fromCases) from cases) train the same model as version "
                        + "\(sha256.prefix(12)) of \(same.trainedAt): nothing new recorded; wrote \(out)")
                return
            }

            let subject = "risk_model/\(kind.rawValue)/\(sha256.prefix(16))"
            let index = try AuditTrail.open(data: options.data).record(
                AuditTrail.Record(
                    type: .ruleVersion, actor: "fundwatch model retrain", subject: subject, payloadSHA256: sha256))
            let quality = result.quality
            try await database.recordModelQuality(
                ModelQualityRecord(
                    modelSHA256: sha256, kind: kind.rawValue,
                    trainedAt: ISO8601DateFormatter().string(from: SystemClock.now), labels: labels.count,
                    newLabels: newLabels, caseLabels: fromCases, trainingRows: result.trainingRows,
                    heldOutRows: quality.rows, heldOutPositives: quality.positives, rocAUC: quality.rocAUC,
                    topK: quality.k, precisionAtK: quality.precisionAtK, ledgerIndex: Int64(index)))

            print(
                "new \(kind.rawValue) version \(sha256.prefix(12)) from \(labels.count) labels (\(newLabels) new, \(fromCases) from cases)"
            )
            print(
                "  held out \(quality.rows) persons (\(quality.positives) fraud): ROC-AUC "
                    + (quality.rocAUC.map { String(format: "%.4f", $0) } ?? "-") + ", precision at top \(quality.k) "
                    + (quality.precisionAtK.map { String(format: "%.3f", $0) } ?? "-"))
            print("  recorded in the ledger at index \(index) (\(subject)); wrote \(out)")

            // The new version scores every person at once, so the alert queue's risk order and
            // the person pages use it without a separate `score-persons`.
            let scored = try await ModelCommand.PersonScoring(actor: "fundwatch model retrain").run(
                model: result.model, sha256: sha256, timelines: timelines, extractor: extractor,
                database: database, dataFolder: options.data, recordedAt: index)
            print(
                "  scored \(timelines.count) persons with it (risk_score; reasons for the \(scored.explained) highest): "
                    + "the alert queue's risk order and person pages now use this version")
        }
    }
}
