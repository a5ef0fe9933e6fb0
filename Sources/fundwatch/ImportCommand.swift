import ArgumentParser
import Foundation
import FundWatchCore
import Storage

/// `fundwatch import DIR`: loads a folder of canonical CSVs atomically and idempotently.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a folder of canonical CSV files (导入数据) as one batch.",
        discussion: """
            The folder holds one file per record type (person.csv, benefit_payment.csv, …) with a header of \
            canonical field names. The whole folder is imported in one transaction or not at all. Files imported \
            before (same bytes) are skipped. Rows that fail validation are kept in the rejects table with file, \
            line and reason. Exit status: 0 all rows imported (or nothing new); 1 nothing imported (bad folder or \
            header); 3 imported, with rejected rows.
            """
    )

    @Argument(help: "The folder of canonical CSV files.")
    var folder: String

    @OptionGroup var options: DataOptions

    @Flag(help: "Abort the whole import (nothing written) if any row is rejected.")
    var strict = false

    func run() async throws {
        let report = try await ImportRunner.run(dataFolder: options.dataFolder, folder: URL(fileURLWithPath: folder), strict: strict)
        if !report.rejected.isEmpty { throw ExitCode(3) }
    }
}

/// Runs an import and prints its report; shared by `import` and `demo`.
enum ImportRunner {
    static func run(dataFolder: URL, folder: URL, strict: Bool) async throws -> ImportReport {
        let started = Date()
        let report: ImportReport
        do {
            // The folder is read before the database is opened, so a wrong path creates nothing.
            let (files, ignored) = try CanonicalFile.readFolder(folder)
            let database = try FundWatchDatabase.open(dataFolder: dataFolder)
            // Every batch is recorded in the data folder's ledger, in the import's transaction.
            let trail = try AuditTrail.open(data: dataFolder.path)
            report = try await database.importFiles(
                files, ignored: ignored, source: folder.standardizedFileURL.path, now: SystemClock.now,
                today: SystemClock.today, strict: strict, trail: trail)
            // The cockpit's data freshness per feed and county follows what was just delivered.
            _ = try await database.refreshFreshness()
        } catch let error as ImportError {
            printError("import failed, nothing was imported: \(error)")
            throw ExitCode(1)
        }
        let seconds = Date().timeIntervalSince(started)
        for ignored in report.ignored { print("skipped \(ignored): not a canonical record file") }
        for file in report.files {
            if let batch = file.alreadyImportedInBatch {
                print("\(file.name): already imported in batch \(batch), skipped")
            } else {
                print("\(file.name): \(file.importedRows) rows imported, \(file.rejectedRows) rejected")
            }
        }
        guard let batch = report.batchID else {
            print("nothing new: every file was imported before")
            return report
        }
        let rate = seconds > 0 ? Int(Double(report.importedRows) / seconds) : 0
        print("batch \(batch): \(report.importedRows) rows imported, \(report.rejected.count) rejected, \(String(format: "%.2f", seconds)) s (\(rate) rows/s)")
        if !report.rejected.isEmpty { printRejects(report) }
        return report
    }

    static func printRejects(_ report: ImportReport) {
        printError("rejected rows (kept in the rejects table; correct them and import the file again):")
        for reject in report.rejected.prefix(20) { printError("  \(reject)") }
        if report.rejected.count > 20 { printError("  … and \(report.rejected.count - 20) more (fundwatch stats --data … lists counts)") }
    }
}
