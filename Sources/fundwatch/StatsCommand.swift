import ArgumentParser
import Foundation
import FundWatchCore
import Storage

/// `fundwatch stats`: what a data folder holds.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise what a data folder holds (rows per record type, persons by region, batches, rejects)."
    )

    @OptionGroup var options: DataOptions

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run() async throws {
        let stats = try await options.openExisting().stats()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(stats), as: UTF8.self))
            return
        }
        StatsPrinter.print(stats)
    }
}

/// Prints database figures as an aligned table; shared by `stats` and `demo`.
enum StatsPrinter {
    static func print(_ stats: DatabaseStats) {
        Swift.print("record type                    rows")
        for kind in RecordKind.allCases {
            let name = kind.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)
            Swift.print("\(name) \(String(stats.rowsByKind[kind.rawValue] ?? 0).leftPadded(10))  \(kind.chinese)")
        }
        Swift.print("persons: \(stats.persons)  batches: \(stats.batches)  rejected rows: \(stats.rejectedRows)  benefit paid: ¥\(stats.paymentsTotal)")
        let catalog = RegionCatalog.shared
        var byCity = [String: Int]()
        for (code, n) in stats.personsByRegion {
            let city = catalog.ancestors(of: code).first { $0.level == .city }?.code ?? code
            byCity[city, default: 0] += n
        }
        if !byCity.isEmpty {
            Swift.print("persons by city:")
            for (code, n) in byCity.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(20) {
                Swift.print("  \(code) \(catalog.region(code)?.name ?? "?")  \(n)")
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
