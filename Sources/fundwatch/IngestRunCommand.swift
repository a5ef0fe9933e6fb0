import ArgumentParser
import Foundation
import FundWatchCore
import Ingestion
import Ledger
import Storage

/// `fundwatch ingest [run]`: department exports → cleaned, validated canonical records, with a quality report.
struct IngestRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Ingest department exports through mapping specs, with a quality report (the default).",
        discussion: """
            Each export is mapped by a YAML spec (columns, encoding, date formats, units, region lookups), cleaned \
            (trim, full-width, Traditional → Simplified, ID numbers, dates, money, regions) and validated. All files \
            are imported as one batch, atomically; a file imported before (same bytes) is skipped. Rejected rows are \
            kept with file, line, column and reason. A file whose rejects exceed the limit (default 5 %) refuses the \
            whole batch. Every batch is recorded in the data folder's ledger.

            Give one spec with --spec for all files, or a folder of specs with --specs: each file is matched to the \
            spec whose feed name (`source`) starts its file name (civil_affairs_deaths_202611.csv → civil_affairs_deaths).

            Exit status: 0 all rows imported (or nothing new); 1 nothing imported (bad spec, file or header, or \
            refused); 3 imported, with rejected rows.
            """)

    @Option(help: "The mapping spec (YAML) for every file.")
    var spec: String?

    @Option(help: "A folder of mapping specs; files are matched to specs by feed name.")
    var specs: String?

    @Argument(help: "The export files.")
    var files: [String]

    @OptionGroup var options: DataOptions

    @Flag(name: .customLong("dry-run"), help: "Read, clean and check only; write nothing to the database.")
    var dryRun = false

    @Option(help: "Write the quality report (JSON) to this file.")
    var report: String?

    @Option(
        name: .customLong("max-reject-rate"),
        help: "Refuse the batch when a file's rejected share exceeds this (0.05 = 5 %); a spec's max_reject_rate wins.")
    var maxRejectRate: Double = 0.05

    func validate() throws {
        guard (spec == nil) != (specs == nil) else { throw ValidationError("give either --spec SPEC or --specs DIR") }
        guard !files.isEmpty else { throw ValidationError("give at least one export file") }
        guard (0...1).contains(maxRejectRate) else { throw ValidationError("--max-reject-rate must be between 0 and 1") }
    }

    func run() async throws {
        let exports: [FeedExport]
        do {
            exports = try IngestSpecs.match(files: files, spec: spec, specsFolder: specs)
        } catch let error as SpecError {
            printError("ingest failed, nothing was imported: \(error)")
            throw ExitCode(1)
        }
        let outcome: IngestOutcome
        do {
            if dryRun {
                outcome = IngestOutcome(
                    importReport: nil,
                    quality: try FeedIngestion.dryRun(exports, today: SystemClock.today, maxRejectRate: maxRejectRate))
            } else {
                let database = try FundWatchDatabase.open(dataFolder: options.dataFolder)
                let trail = try AuditTrail.open(data: options.data)
                outcome = try FeedIngestion.ingest(
                    exports, into: database, now: SystemClock.now, today: SystemClock.today, maxRejectRate: maxRejectRate,
                    trail: trail)
                // The cockpit's data freshness per feed and county follows what was just delivered.
                _ = try await database.refreshFreshness()
            }
        } catch let error as IngestError {
            printError("ingest failed, nothing was imported: \(error)")
            throw ExitCode(1)
        } catch let error as ImportError {
            printError("ingest failed, nothing was imported: \(error)")
            throw ExitCode(1)
        }
        IngestPrinter.print(outcome)
        if let report {
            do {
                try Data((outcome.quality.json() + "\n").utf8).write(to: URL(fileURLWithPath: report))
                print("quality report written to \(report)")
            } catch {
                printError("cannot write the report to \(report): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        if outcome.quality.refusedBecause != nil, !dryRun { throw ExitCode(1) }
        if outcome.quality.files.contains(where: { $0.rejected > 0 }) { throw ExitCode(3) }
    }
}
