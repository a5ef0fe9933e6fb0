import ArgumentParser
import Foundation
import FundWatchCore
import RiskFeatures
import RiskModels
import Storage

extension ModelCommand {
    /// `fundwatch model features`: one row of person features per timeline in a data folder.
    struct Features: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every person's risk features (from the timelines in a data folder) as CSV.",
            discussion: """
                One row per person: an id column (the ID number, masked unless --reveal), the features of \
                `--list`, and with --truth a label column (1 for a planted fraud scheme, 0 otherwise; noise_ \
                schemes are 0). The file is what `model train --label label` reads.
                """)

        @OptionGroup var options: DataOptions

        @Option(help: "A simulator truth.csv: adds the label column.")
        var truth: String?

        @Option(help: "The features CSV to write.")
        var out: String?

        @Flag(help: "Write full ID numbers in the id column (needed to join rows back to persons).")
        var reveal = false

        @Flag(help: "Print the feature table (name, meaning, unit) as Markdown and exit.")
        var list = false

        func validate() throws {
            if !list && out == nil { throw ValidationError("give --out FILE (or --list to print the feature table)") }
        }

        func run() async throws {
            if list {
                print(Self.markdownTable(PersonFeature.allCases.map(\.definition)))
                return
            }
            let labels: TruthLabels? = try truth.map { path in try TruthLabels(csv: try ModelFiles.read(path), file: path) }
            let database = try options.openExisting()
            let clock = ContinuousClock()
            let started = clock.now
            let timelines = try await database.allTimelines()
            let loaded = clock.now
            let extractor = PersonFeatureExtractor(context: PopulationContext(timelines: timelines))
            let data = extractor.parallelDataset(for: timelines)
            let computed = clock.now

            var writer = CSVWriter(reservingCapacity: timelines.count * 128)
            writer.write(row: ["id"] + data.names + (labels == nil ? [] : ["label"]))
            var positives = 0
            for (row, timeline) in timelines.enumerated() {
                var fields = [reveal ? timeline.idNumber.value : timeline.idNumber.masked]
                for c in 0..<data.names.count { fields.append(data.displayValue(row: row, feature: c)) }
                if let labels {
                    let label = labels.label(timeline.idNumber)
                    positives += Int(label)
                    fields.append(label == 1 ? "1" : "0")
                }
                writer.write(row: fields)
            }
            try ModelFiles.write(writer.take(), to: out!)
            print("features: \(timelines.count) persons, \(data.names.count) features, data end \(extractor.context.dataEnd)")
            if let labels {
                print("  labels: \(positives) fraud of \(labels.fraudScheme.count) in \(truth!) matched a person")
            }
            print(
                String(
                    format: "  read timelines in %.2f s, computed features in %.2f s", (loaded - started).seconds,
                    (computed - loaded).seconds))
            print("  wrote \(out!)")
        }

        /// The feature table in Markdown, for the README.
        static func markdownTable(_ definitions: [FeatureDefinition]) -> String {
            var lines = ["| 特征 | 含义 | 单位 |", "|---|---|---|"]
            for d in definitions { lines.append("| `\(d.name)` | \(d.meaning) | \(d.unit) |") }
            return lines.joined(separator: "\n")
        }
    }
}
