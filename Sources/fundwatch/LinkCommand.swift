import ArgumentParser
import Foundation
import FundWatchCore
import Linkage

/// `fundwatch link --config FILE.yaml`: probabilistic record linkage or deduplication of CSV files.
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract:
            "Link records across CSV files, or deduplicate one, with a Fellegi–Sunter model trained without labels.",
        discussion: """
            The YAML configuration names the mode (link | dedupe), the inputs, blocking rules, comparisons, the \
            threshold and the outputs: pairs.csv (left_id,right_id,match_probability,match_weight) and clusters.csv \
            (cluster_id,record_id,source). Paths are relative to the configuration file. Progress goes to stderr.
            """
    )

    @Option(name: .long, help: "The YAML configuration file.")
    var config: String

    @Option(
        name: .long,
        help:
            "Explain the score of two records: LEFT_ID,RIGHT_ID (ids of the first and last input, or both of the one input)."
    )
    var explain: [String] = []

    @Flag(name: .long, help: "Print no progress.")
    var quiet = false

    func run() async throws {
        let configURL = URL(fileURLWithPath: config)
        guard let yaml = try? String(contentsOf: configURL, encoding: .utf8) else {
            throw CLIError("cannot read the configuration \(config); check the path")
        }
        let folder = configURL.deletingLastPathComponent()
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
        }
        let quiet = self.quiet
        let progress: @Sendable (String) -> Void = { line in if !quiet { printError("link: " + line) } }
        do {
            let linkConfig = try LinkConfig(yaml: yaml, file: config)
            let clock = ContinuousClock()
            let start = clock.now
            var tables = [Table]()
            for input in linkConfig.inputs {
                let url = resolve(input.path)
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw LinkageError(
                        .unreadableFile, "\(config): input \(input.name): cannot read \(url.path); check the path")
                }
                let table = try Table(csv: [UInt8](data), file: url.path, name: input.name, idColumn: input.idColumn)
                progress("read \(table.count) records from \(input.path) (\(clock.now - start))")
                tables.append(table)
            }
            let linker = try Linker(settings: linkConfig.settings, inputs: tables)
            progress("prepared comparisons (\(clock.now - start))")
            let result = try linker.run(progress: progress)
            for report in result.blockingReport {
                progress(
                    "\(report.deterministic ? "deterministic" : "blocking") \(report.rule): \(report.pairs) pairs, \(report.newPairs) new"
                )
            }
            for (k, c) in result.model.comparisons.enumerated() {
                let levels = (0..<c.levelCount).map {
                    "\(c.label(ofLevel: $0)) m=\(String(format: "%.4f", result.model.m[k][$0])) u=\(String(format: "%.6f", result.model.u[k][$0]))"
                }
                progress("model \(c.column): " + levels.joined(separator: "; "))
            }
            let written = clock.now
            try write(result, output: linkConfig.output, resolve: resolve, progress: progress)
            progress("outputs written in \(clock.now - written)")
            for spec in explain {
                let ids = spec.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                let first = linkConfig.inputs.first!.name
                let last = linkConfig.inputs.last!.name
                guard ids.count == 2, let a = result.record(source: first, id: ids[0]),
                    let b = result.record(source: last, id: ids[1])
                else {
                    throw ValidationError("--explain \(spec): give LEFT_ID,RIGHT_ID of records that exist")
                }
                print(result.explain(a, b))
            }
            let seconds = clock.now - start
            progress(
                "done: \(result.links.count) links, \(result.clusterCount) entities, \(linker.recordCount) records in \(seconds)"
            )
        } catch let error as LinkageError {
            throw CLIError(error.message)
        }
    }

    private func write(
        _ result: LinkageResult, output: LinkConfig.Output, resolve: (String) -> URL, progress: (String) -> Void
    ) throws {
        func save(_ writer: CSVWriter, to path: String) throws {
            let url = resolve(path)
            do {
                try Data(writer.bytes).write(to: url)
            } catch {
                throw LinkageError(
                    .unreadableFile,
                    "cannot write \(url.path): \(error.localizedDescription); check the folder exists and is writable")
            }
            progress("wrote \(url.path)")
        }
        if let path = output.pairs {
            var w = CSVWriter(reservingCapacity: result.links.count * 48)
            w.write(row: ["left_id", "right_id", "match_probability", "match_weight"])
            for link in result.links {
                w.write(row: [
                    result.id(of: Int(link.left)), result.id(of: Int(link.right)),
                    fixedPoint(link.probability, decimals: 6), fixedPoint(link.weight, decimals: 4),
                ])
            }
            try save(w, to: path)
        }
        if let path = output.clusters {
            var w = CSVWriter(reservingCapacity: result.clusterOf.count * 24)
            w.write(row: ["cluster_id", "record_id", "source"])
            for (r, c) in result.clusterOf.enumerated() {
                w.write(row: [String(c), result.id(of: r), result.source(of: r)])
            }
            try save(w, to: path)
        }
        if let path = output.golden {
            var w = CSVWriter()
            w.write(row: ["cluster_id", "column", "value", "source", "record_id", "support"])
            for golden in result.goldenRecords() {
                for f in golden.fields {
                    w.write(row: [String(golden.clusterID), f.column, f.value, f.source, f.recordID, String(f.support)])
                }
            }
            try save(w, to: path)
        }
        if let path = output.explanations {
            var w = CSVWriter()
            w.write(row: [
                "left_id", "right_id", "term", "level", "left_value", "right_value", "bayes_factor", "weight",
            ])
            for link in result.links {
                let e = result.explain(Int(link.left), Int(link.right))
                for t in e.terms {
                    w.write(row: [
                        e.leftID, e.rightID, t.name, t.level, t.values.0, t.values.1,
                        String(format: "%.6g", t.bayesFactor),
                        String(format: "%.4f", t.weight),
                    ])
                }
            }
            try save(w, to: path)
        }
    }
}

/// `x` with a fixed number of decimals, without `String(format:)` (slow for a million rows).
func fixedPoint(_ x: Double, decimals: Int) -> String {
    guard x.isFinite else { return x > 0 ? "inf" : x < 0 ? "-inf" : "nan" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(x) * scale).rounded()
    guard scaled < 9e15 else { return String(x) }
    let whole = Int(scaled) / Int(scale)
    let fraction = String(Int(scaled) % Int(scale))
    let sign = x < 0 && scaled != 0 ? "-" : ""
    return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
}
