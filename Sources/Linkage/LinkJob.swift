public import Foundation
import FundWatchCore

/// One `fundwatch link` run from its configuration: read the inputs, link, write the outputs.
/// The command and the benchmark's runner both call this, so the figures measure the command.
public struct LinkJob: Sendable {
    /// The parsed configuration.
    public let config: LinkConfig
    /// The configuration file (inputs and outputs are relative to its folder).
    public let configPath: String

    /// Reads and checks the configuration at `path`; throws with the file, key and fix.
    public init(configPath path: String) throws(LinkageError) {
        guard let yaml = try? String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8) else {
            throw LinkageError(.unreadableFile, "cannot read the configuration \(path); check the path")
        }
        config = try LinkConfig(yaml: yaml, file: path)
        configPath = path
    }

    /// A path of the configuration, made absolute against its folder.
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: configPath).deletingLastPathComponent().appendingPathComponent(path)
    }

    /// Reads the inputs and links them; `progress` hears each step (for stderr).
    public func run(progress: @escaping @Sendable (String) -> Void = { _ in }) throws(LinkageError) -> LinkageResult {
        let clock = ContinuousClock()
        let start = clock.now
        var tables = [Table]()
        for input in config.inputs {
            let url = resolve(input.path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw LinkageError(
                    .unreadableFile, "\(configPath): input \(input.name): cannot read \(url.path); check the path")
            }
            let table = try Table(csv: [UInt8](data), file: url.path, name: input.name, idColumn: input.idColumn)
            progress("read \(table.count) records from \(input.path) (\(clock.now - start))")
            tables.append(table)
        }
        let linker = try Linker(settings: config.settings, inputs: tables)
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
        return result
    }

    /// Writes the outputs the configuration names: pairs, clusters, golden records, explanations.
    public func write(_ result: LinkageResult, progress: (String) -> Void = { _ in }) throws(LinkageError) {
        let output = config.output
        func save(_ writer: CSVWriter, to path: String) throws(LinkageError) {
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
                    Self.fixedPoint(link.probability, decimals: 6), Self.fixedPoint(link.weight, decimals: 4),
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

    /// `x` with a fixed number of decimals, without `String(format:)` (slow for a million rows).
    static func fixedPoint(_ x: Double, decimals: Int) -> String {
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
}
