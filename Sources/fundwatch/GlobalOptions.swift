import ArgumentParser
import Foundation
import FundWatchCore
import Storage

/// Options shared by the commands that work on a data folder.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (SQLite database, ledger, keys).")
    var data: String = "./fundwatch-data"

    var dataFolder: URL { URL(fileURLWithPath: data) }

    /// Opens the database, refusing a folder that has none yet (nothing to read).
    func openExisting() throws -> FundWatchDatabase {
        let file = dataFolder.appendingPathComponent("fundwatch.sqlite")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CLIError("no FundWatch database in \(data); run `fundwatch import DIR --data \(data)` or `fundwatch demo` first")
        }
        return try FundWatchDatabase.open(dataFolder: dataFolder)
    }
}

/// The wall clock, read only here at the edge; libraries take dates as arguments.
enum SystemClock {
    static var now: Date { Date() }

    /// Today's date in China Standard Time (UTC+8), the zone of every record.
    static var today: CivilDate {
        let seconds = Int(now.timeIntervalSince1970) + 8 * 3600
        return CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}

/// A failure of a command that is not a usage mistake: printed as `Error: …` with exit status 1,
/// without the usage text that `ValidationError` adds.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
