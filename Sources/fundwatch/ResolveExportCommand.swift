import ArgumentParser
import Foundation
import FundWatchCore
import Storage

/// `fundwatch resolve export`: the model's two inputs as CSV, for a peer (Splink) to link the same table.
struct ResolveExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the records awaiting resolution and the person registry as the CSV tables the model links (for benchmarks).",
        discussion: """
            records.csv and persons.csv share the model's columns (ID number parts, name, sex, death date); \
            records.csv adds record_kind and record_key (the row's fields joined by |, as in the simulator's \
            person_links.csv). They hold personal data: keep them inside the data folder's protection.
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "The folder to write records.csv and persons.csv into.")
    var out: String

    func run() async throws {
        let database = try options.openExisting()
        let (records, persons) = try await database.resolutionInputs()
        let (columns, recordRows, personRows) = PersonResolver.linkageRows(records, persons: persons)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var writer = CSVWriter()
        writer.write(row: columns + ["record_kind", "record_key"])
        for (row, record) in zip(recordRows, records) {
            var fields = record.values
            if let i = record.kind.recordType.fields.firstIndex(where: { $0.type == .idNumber }) { fields[i] = record.rawID }
            writer.write(row: row + [record.kind.rawValue, fields.joined(separator: "|")])
        }
        try Data(writer.bytes).write(to: folder.appendingPathComponent("records.csv"))
        writer = CSVWriter()
        writer.write(row: columns)
        for row in personRows { writer.write(row: row) }
        try Data(writer.bytes).write(to: folder.appendingPathComponent("persons.csv"))
        print("wrote \(records.count) records and \(persons.count) persons to \(folder.path)")
    }
}
