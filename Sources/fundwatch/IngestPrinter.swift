import Foundation
import Ingestion
import Storage

/// Prints what `fundwatch ingest` did, one block per file. Values in examples are already masked.
enum IngestPrinter {
    static func print(_ outcome: IngestOutcome) {
        for file in outcome.importReport?.files ?? [] where file.alreadyImportedInBatch != nil {
            Swift.print("\(file.name): already imported in batch \(file.alreadyImportedInBatch!), skipped")
        }
        for file in outcome.quality.files {
            let percent = String(format: "%.2f", file.rejectRate * 100)
            Swift.print("\(file.file) [\(file.feed) v\(file.specVersion) → \(file.record), \(file.encoding ?? "-")]: \(file.rowsRead) rows read, \(file.accepted) accepted, \(file.rejected) rejected (\(percent) %)")
            if !file.cleaning.isEmpty {
                let steps = file.cleaning.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                Swift.print("  cleaned: \(steps)")
            }
            for group in file.rejectsByReason.prefix(10) {
                let lines = group.examples.map { e in "line \(e.line)" + (e.value.map { " '\($0)'" } ?? "") }.joined(separator: "; ")
                printError("  \(group.count) × \(group.code)\(group.column.map { " [\($0)]" } ?? ""): \(group.reason) — e.g. \(lines)")
            }
            for check in file.consistency ?? [] where check.mismatched > 0 {
                let lines = check.exampleLines.map(String.init).joined(separator: ", ")
                Swift.print("  \(check.mismatched) of \(check.checked) rows: \(check.check) (\(check.label)), e.g. line \(lines)")
            }
            if file.duplicates.count > 0 {
                Swift.print("  \(file.duplicates.count) rows repeat an earlier row of the file (e.g. line \(file.duplicates.examples[0].line) = line \(file.duplicates.examples[0].sameAsLine))")
            }
        }
        if let reason = outcome.quality.refusedBecause {
            printError(outcome.quality.dryRun ? "would be refused: \(reason)" : "refused, nothing was imported: \(reason)")
        } else if outcome.quality.dryRun {
            Swift.print("dry run: nothing was written")
        } else if let batch = outcome.importReport?.batchID {
            Swift.print("batch \(batch): \(outcome.importReport!.importedRows) rows imported, \(outcome.importReport!.rejected.count) rejected; recorded in the ledger")
        } else {
            Swift.print("nothing new: every file was imported before")
        }
    }
}
