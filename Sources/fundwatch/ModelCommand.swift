import ArgumentParser
import Dispatch
import Foundation
import FundWatchCore
import RiskModels

/// `fundwatch model`: train risk models on CSV tables and score rows with reasons.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Train risk models (logistic, gradient-boosted trees, isolation forest) and score CSV rows with reasons.",
        discussion: """
            Any CSV with a header works: every column but the label and the id column is a feature. A column \
            whose first non-empty value is text, or one named in --categorical, is categorical; empty, NA, NaN, \
            null and ? are missing values; infinity is an error. Models are saved as versioned JSON with a \
            SHA-256 of their content, which scoring checks.
            """,
        subcommands: [Train.self, Score.self, Features.self, ScorePersons.self, Retrain.self])
}

extension ModelCommand {
    /// `fundwatch model train`.
    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a model on a CSV file and save it as JSON.",
            discussion: """
                logistic and gbdt need --label (0/1, true/false). iforest learns without labels; with --label it \
                reports its AUC against them. Constant and empty features are ignored and listed. gbdt holds out \
                10% of the rows for early stopping; logistic holds out 10% to report quality.
                """)

        @Option(help: "The training CSV file.")
        var csv: String

        @Option(help: "The label column (0/1).")
        var label: String?

        @Option(help: "logistic | gbdt | iforest.")
        var model: String

        @Option(help: "The model file to write.")
        var out: String

        @Option(help: "Columns to read as categorical, comma-separated.")
        var categorical: String = ""

        @Option(name: .customLong("id-column"), help: "The id column, kept out of the features.")
        var idColumn: String = "id"

        @Option(help: "The seed for every random choice (splits, samples).")
        var seed: UInt64 = 0

        @Option(help: "Calibration fitted on held-out rows: none | platt | isotonic.")
        var calibration: String = "none"

        @Option(help: "gbdt: the most trees.")
        var iterations: Int = 100

        @Option(name: .customLong("learning-rate"), help: "gbdt: shrinkage.")
        var learningRate: Double = 0.1

        @Option(help: "gbdt: the most leaves per tree.")
        var leaves: Int = 31

        @Option(name: .customLong("max-depth"), help: "gbdt: the deepest leaf (0: no limit).")
        var maxDepth: Int = 0

        @Option(name: .customLong("min-data-in-leaf"), help: "gbdt: the fewest rows in a leaf.")
        var minDataInLeaf: Int = 20

        @Option(help: "gbdt: L2 on leaf values; logistic: L2 on coefficients (1/C).")
        var l2: Double?

        @Option(name: .customLong("validation-fraction"), help: "Share of rows held out (gbdt, logistic).")
        var validationFraction: Double = 0.1

        @Option(name: .customLong("class-weight"), help: "logistic: none | balanced.")
        var classWeight: String = "none"

        @Option(help: "iforest: the number of trees.")
        var trees: Int = 100

        @Option(name: .customLong("sample-size"), help: "iforest: rows per tree.")
        var sampleSize: Int = 256

        @Flag(help: "Print no progress.")
        var quiet = false

        func validate() throws {
            guard RiskModel.Kind(rawValue: model) != nil else {
                throw ValidationError("--model must be logistic, gbdt or iforest, got '\(model)'")
            }
            guard RiskTrainingOptions.CalibrationMethod(rawValue: calibration) != nil else {
                throw ValidationError("--calibration must be none, platt or isotonic, got '\(calibration)'")
            }
            guard LogisticParameters.ClassWeight(rawValue: classWeight) != nil else {
                throw ValidationError("--class-weight must be none or balanced, got '\(classWeight)'")
            }
            if model != "iforest" && label == nil {
                throw ValidationError("--model \(model) is supervised: give --label COLUMN (or use --model iforest)")
            }
        }

        func run() async throws {
            let kind = RiskModel.Kind(rawValue: model)!
            let clock = ContinuousClock()
            let started = clock.now
            let bytes = try ModelFiles.read(csv)
            let names = Set(categorical.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            let table = try LabeledTable.read(
                csv: bytes, file: csv, label: label, idColumn: idColumn, categorical: names.subtracting([""]))
            let loaded = clock.now
            var options = RiskTrainingOptions()
            options.setSeed(seed)
            options.calibration = .init(rawValue: calibration)!
            options.gbdt.iterations = iterations
            options.gbdt.learningRate = learningRate
            options.gbdt.maxLeaves = leaves
            options.gbdt.maxDepth = maxDepth
            options.gbdt.minDataInLeaf = minDataInLeaf
            options.gbdt.validationFraction = validationFraction
            options.logistic.validationFraction = validationFraction
            if let l2 {
                options.gbdt.lambdaL2 = l2
                options.logistic.l2 = l2
            }
            options.logistic.classWeight = .init(rawValue: classWeight)!
            options.isolationForest.trees = trees
            options.isolationForest.sampleSize = sampleSize
            let model = try RiskModel.train(
                kind: kind, data: table.features, labels: table.labels, options: options,
                progress: quiet ? nil : { printError($0) })
            let trained = clock.now
            let (file, hash) = try ModelFile.encode(model)
            try ModelFiles.write(file, to: out)

            let summary = model.summary
            print("\(kind.rawValue) model: \(table.features.rowCount) rows, \(table.features.names.count) features")
            if !summary.ignoredFeatures.isEmpty {
                print("  ignored (constant or empty): \(summary.ignoredFeatures.joined(separator: ", "))")
            }
            print("  training rows \(summary.trainingRows), held out \(summary.validationRows), iterations \(summary.iterations)")
            if let auc = summary.validationAUC { print(String(format: "  held-out AUC %.4f", auc)) }
            if let loss = summary.validationLogLoss { print(String(format: "  held-out log-loss %.4f", loss)) }
            if kind == .iforest, let labels = table.labels {
                let scores = try model.rawScores(table.features)
                if let auc = Metrics.rocAUC(scores: scores, labels: labels) {
                    print(String(format: "  AUC against --label %.4f", auc))
                }
            }
            print(
                String(
                    format: "  loaded CSV in %.2f s, trained in %.2f s", (loaded - started).seconds,
                    (trained - loaded).seconds))
            print("  saved \(out) (sha256 \(hash))")
        }
    }

    /// `fundwatch model score`.
    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the rows of a CSV file with a saved model; write id, score and the top reasons.",
            discussion: """
                The CSV needs the model's feature columns (others are ignored). Categorical levels the model \
                never saw are read as missing and counted. Each reason is feature=value (+weight): log-odds added \
                (TreeSHAP for gbdt, the coefficient term for logistic) or the share of isolation credit (iforest).
                """)

        @Option(help: "The model file.")
        var model: String

        @Option(help: "The CSV file to score.")
        var csv: String

        @Option(help: "The scores file to write.")
        var out: String

        @Option(name: .customLong("id-column"), help: "The id column to keep.")
        var idColumn: String = "id"

        @Option(help: "How many reasons per row (0: none, which is much faster for trees).")
        var reasons: Int = 3

        @Option(help: "A 0/1 column to measure the scores against (ROC-AUC).")
        var label: String?

        func validate() throws {
            guard (0...10).contains(reasons) else { throw ValidationError("--reasons must be in 0...10") }
        }

        func run() async throws {
            let clock = ContinuousClock()
            let (riskModel, hash) = try ModelFile.decode(try ModelFiles.read(model), file: model)
            let started = clock.now
            let table = try LabeledTable.read(
                csv: try ModelFiles.read(csv), file: csv, label: label, idColumn: idColumn, schema: riskModel.schema)
            let loaded = clock.now
            for (feature, count) in table.unseenLevels.sorted(by: { $0.key < $1.key }) {
                printError("model score: \(count) values of '\(feature)' are levels the model never saw; read as missing")
            }
            let data = table.features
            let scores = try riskModel.scores(data)
            let scored = clock.now
            let why = try Self.reasons(riskModel, data, count: reasons)
            let explained = clock.now

            var writer = CSVWriter(reservingCapacity: data.rowCount * 32)
            writer.write(
                row: (table.ids == nil ? [] : [idColumn]) + ["score"] + (0..<reasons).map { "reason_\($0 + 1)" })
            for row in 0..<data.rowCount {
                var fields: [String] = []
                if let ids = table.ids { fields.append(ids[row]) }
                fields.append(String(format: "%.6g", scores[row]))
                for k in 0..<reasons { fields.append(k < why[row].count ? why[row][k].description : "") }
                writer.write(row: fields)
            }
            try ModelFiles.write(writer.take(), to: out)

            let n = Double(data.rowCount)
            print("\(riskModel.kind.rawValue) model \(hash.prefix(12)): scored \(data.rowCount) rows")
            print(
                String(
                    format: "  read CSV in %.2f s; scores in %.3f s (%.0f rows/s)", (loaded - started).seconds,
                    (scored - loaded).seconds, n / max(1e-9, (scored - loaded).seconds)))
            if reasons > 0 {
                print(
                    String(
                        format: "  reasons in %.2f s (%.0f rows/s)", (explained - scored).seconds,
                        n / max(1e-9, (explained - scored).seconds)))
            }
            if let labels = table.labels, let auc = Metrics.rocAUC(scores: scores, labels: labels) {
                print(String(format: "  AUC against --label %.4f", auc))
            }
            print("  wrote \(out)")
        }

        /// The reasons of every row, in parallel over blocks of rows.
        static func reasons(_ model: RiskModel, _ data: Dataset, count: Int) throws -> [[Reason]] {
            guard count > 0 else { return [[Reason]](repeating: [], count: data.rowCount) }
            let n = data.rowCount
            let block = 512
            let blocks = (n + block - 1) / block
            let results = ReasonBlocks(count: blocks)
            DispatchQueue.concurrentPerform(iterations: blocks) { k in
                let rows = (k * block)..<min(n, (k + 1) * block)
                do {
                    results.set(k, .success(try rows.map { try model.reasons(data, row: $0, limit: count) }))
                } catch {
                    results.set(k, .failure(error))
                }
            }
            return try results.collect().flatMap { try $0.get() }
        }
    }
}

/// The per-block results of the parallel reason computation.
private final class ReasonBlocks: @unchecked Sendable {
    private var blocks: [Result<[[Reason]], any Error>?]
    private let lock = NSLock()

    init(count: Int) { blocks = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<[[Reason]], any Error>) {
        lock.lock()
        blocks[index] = result
        lock.unlock()
    }

    func collect() -> [Result<[[Reason]], any Error>] { blocks.compactMap { $0 } }
}

/// Reading and writing the command's files, with errors that name them.
enum ModelFiles {
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path); check the path")
        }
        return Array(data)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
