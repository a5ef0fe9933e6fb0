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
        let quiet = self.quiet
        let progress: @Sendable (String) -> Void = { line in if !quiet { printError("link: " + line) } }
        do {
            let job = try LinkJob(configPath: config)
            let clock = ContinuousClock()
            let start = clock.now
            let result = try job.run(progress: progress)
            let written = clock.now
            try job.write(result, progress: progress)
            progress("outputs written in \(clock.now - written)")
            for spec in explain {
                let ids = spec.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                let first = job.config.inputs.first!.name
                let last = job.config.inputs.last!.name
                guard ids.count == 2, let a = result.record(source: first, id: ids[0]),
                    let b = result.record(source: last, id: ids[1])
                else {
                    throw ValidationError("--explain \(spec): give LEFT_ID,RIGHT_ID of records that exist")
                }
                print(result.explain(a, b))
            }
            progress(
                "done: \(result.links.count) links, \(result.clusterCount) entities, \(result.recordCount) records in \(clock.now - start)"
            )
        } catch let error as LinkageError {
            throw CLIError(error.message)
        }
    }
}
