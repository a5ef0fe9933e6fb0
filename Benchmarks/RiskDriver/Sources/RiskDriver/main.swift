import Foundation
import RiskModels

// Release driver for the risk models: the library calls of `fundwatch model train` and
// `fundwatch model score`, timed apart from reading the CSV, with CPU seconds beside wall time
// (the machine is shared, so wall time alone says little).
//
//   RiskDriver gbdt TRAIN.csv TEST.csv [SEED] [REPEATS] [SCORE.csv]
//   RiskDriver iforest TRAIN.csv TEST.csv SEEDS [REPEATS]   (SEEDS like 0,1,2)
//
// Both read the label column `y`; the isolation forest never trains on it. The GBDT's test AUC
// is measured on TEST.csv; its scoring speed on SCORE.csv (default TEST.csv; TRAIN.csv reuses
// the table already read). Scoring times cover `RiskModel.rawScores` on a table in memory:
// reading and parsing the CSV is timed apart ("read …").

func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func timed<T>(_ body: () throws -> T) rethrows -> (T, wall: Double, cpu: Double) {
    let cpu0 = cpuSeconds()
    let start = ContinuousClock.now
    let value = try body()
    let wall = ContinuousClock.now - start
    let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
    return (value, seconds, cpuSeconds() - cpu0)
}

func load(_ path: String, schema: FeatureSchema? = nil) throws -> LabeledTable {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    return try LabeledTable.read(csv: bytes, file: path, label: "y", schema: schema)
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
        .joined(separator: " ") ?? "?"
}

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    print(
        "usage: RiskDriver gbdt TRAIN.csv TEST.csv [SEED] [REPEATS] [SCORE.csv] | iforest TRAIN.csv TEST.csv SEEDS [REPEATS]"
    )
    exit(2)
}
let command = arguments[1]
let repeats = arguments.count > 5 ? Int(arguments[5]) ?? 1 : 1
do {
    let (train, readTrain, _) = try timed { try load(arguments[2]) }
    print("read \(arguments[2]): \(train.features.rowCount) rows in \(String(format: "%.2f", readTrain)) s")
    switch command {
    case "gbdt":
        let seed = arguments.count > 4 ? UInt64(arguments[4]) ?? 0 : 0
        var options = RiskTrainingOptions()
        options.setSeed(seed)
        let (model, wall, cpu) = try timed {
            try RiskModel.train(kind: .gbdt, data: train.features, labels: train.labels, options: options)
        }
        print(
            String(
                format: "gbdt: trained in %.2f s wall, %.2f s CPU (%d trees), load %@", wall, cpu,
                model.summary.iterations, loadAverage()))
        // The model file's hash: builds that must grow the same trees print the same one.
        print("gbdt: model SHA-256 \(try ModelFile.encode(model).sha256)")
        let (test, readTest, _) = try timed { try load(arguments[3], schema: model.schema) }
        print("read \(arguments[3]): \(test.features.rowCount) rows in \(String(format: "%.2f", readTest)) s")
        let auc = Metrics.rocAUC(scores: try model.rawScores(test.features), labels: test.labels ?? []) ?? .nan
        print(String(format: "gbdt: test AUC %.4f on %d rows", auc, test.features.rowCount))
        let scorePath = arguments.count > 6 ? arguments[6] : arguments[3]
        let scoring =
            scorePath == arguments[3]
            ? test.features
            : scorePath == arguments[2] ? train.features : try load(scorePath, schema: model.schema).features
        // Each repeat times the default scorer (`RiskModel.rawScores`: leaf bitvectors) and then
        // the byte tree walk it replaced, on the same table, so both see the same load.
        guard case .gbdt(let trees) = model.body else { break }
        for _ in 0..<repeats {
            let (_, scoreWall, scoreCPU) = try timed { try model.rawScores(scoring) }
            print(
                String(
                    format:
                        "gbdt: scored %d rows of %@ in %.3f s wall, %.3f s CPU (%.0f rows/s wall, %.0f rows per CPU-s), load %@",
                    scoring.rowCount, scorePath, scoreWall, scoreCPU, Double(scoring.rowCount) / scoreWall,
                    Double(scoring.rowCount) / scoreCPU, loadAverage()))
            let (_, walkWall, walkCPU) = try timed { try trees.probabilities(scoring, scorer: .treeWalk) }
            print(
                String(
                    format:
                        "gbdt tree-walk: scored %d rows in %.3f s wall, %.3f s CPU (%.0f rows/s wall, %.0f rows per CPU-s), load %@",
                    scoring.rowCount, walkWall, walkCPU, Double(scoring.rowCount) / walkWall,
                    Double(scoring.rowCount) / walkCPU, loadAverage()))
        }
    case "iforest":
        let seeds = (arguments.count > 4 ? arguments[4] : "0").split(separator: ",").compactMap { UInt64($0) }
        var test: LabeledTable?
        for seed in seeds {
            var options = RiskTrainingOptions()
            options.setSeed(seed)
            let (model, wall, cpu) = try timed {
                try RiskModel.train(kind: .iforest, data: train.features, labels: nil, options: options)
            }
            // Every seed's forest reads the same columns: the test file is read once.
            if test == nil { test = try load(arguments[3], schema: model.schema) }
            guard let test else { break }
            for _ in 0..<repeats {
                let (scores, scoreWall, scoreCPU) = try timed { try model.rawScores(test.features) }
                let auc = Metrics.rocAUC(scores: scores, labels: test.labels ?? []) ?? .nan
                print(
                    String(
                        format:
                            "iforest seed %d: trained in %.2f s (%.2f s CPU); scored %d rows in %.3f s wall, %.3f s CPU (%.0f rows/s wall, %.0f rows per CPU-s), AUC %.4f, load %@",
                        Int(seed), wall, cpu, test.features.rowCount, scoreWall, scoreCPU,
                        Double(test.features.rowCount) / scoreWall, Double(test.features.rowCount) / scoreCPU, auc,
                        loadAverage()))
            }
        }
    default:
        print("unknown command \(command)")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
