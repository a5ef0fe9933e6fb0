import ArgumentParser
import Foundation
import Ingestion
import Storage

/// `fundwatch ingest history`: a feed's quality batch after batch, from the reports kept with each import.
struct IngestHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show each feed's data quality over time, one line per imported file.",
        discussion: """
            Reads the quality reports kept with every ingested file: rows read, the reject rate, the least complete \
            mapped column, rows repeating earlier rows, and rows disagreeing with their ID number or with other feeds.
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "Only this feed (the spec's `source`).")
    var feed: String?

    func run() async throws {
        let entries: [QualityHistoryEntry]
        do {
            entries = try options.openExisting().qualityHistory(feed: feed)
        } catch let error as CLIError {
            printError(error.description)
            throw ExitCode(1)
        }
        guard !entries.isEmpty else {
            printError(feed.map { "no ingested file of feed '\($0)' in \(options.data)" } ?? "no ingested files in \(options.data); run `fundwatch ingest` first")
            throw ExitCode(1)
        }
        var currentFeed: String?
        for entry in entries {
            let r = entry.report
            if r.feed != currentFeed {
                currentFeed = r.feed
                print("\(r.feed) (\(r.record))")
            }
            print("  " + Self.line(entry))
        }
    }

    static func line(_ entry: QualityHistoryEntry) -> String {
        let r = entry.report
        var parts = [
            "batch \(entry.batchID)", String(entry.importedAt.prefix(19)), "v\(r.specVersion)", (r.file as NSString).lastPathComponent,
            "\(r.rowsRead) rows", String(format: "rejected %.2f %%", r.rejectRate * 100),
        ]
        if let worst = r.columns.min(by: { $0.completeness < $1.completeness }), worst.completeness < 1 {
            parts.append(String(format: "least complete %@ %.1f %%", worst.field, worst.completeness * 100))
        }
        if r.duplicates.count > 0 { parts.append("\(r.duplicates.count) repeated rows") }
        for check in r.consistency ?? [] where check.checked > 0 {
            parts.append("\(check.check) \(check.mismatched)/\(check.checked)")
        }
        return parts.joined(separator: ", ")
    }
}
