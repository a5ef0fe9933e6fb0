import Foundation
import Testing

/// Runs the built `fundwatch ingest` as a user would: with no subcommand it imports (`run` is the
/// default), and `ingest history` dispatches to the history of what was imported.
@Suite(.serialized) struct IngestCommandLineTests {
    /// `fundwatch`, built beside the test bundle by `swift build` and `swift test`.
    static var fundwatchPath: String? {
        let beside = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
        ]
        return beside.map { $0.appendingPathComponent("fundwatch").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(fundwatchPath, "fundwatch is not built beside the tests"))
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static let spec = """
        source: civil_affairs_deaths
        department: civil_affairs
        record: death_record
        columns:
          id_number: 身份证号码
          name: 姓名
          death_date: { column: 死亡日期, formats: ["yyyy/M/d"] }
          source: { value: civil_affairs }
        """

    @Test func ingestWithoutASubcommandImportsAndHistoryDispatches() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("deaths.yaml").path
        let export = folder.appendingPathComponent("deaths.csv").path
        let report = folder.appendingPathComponent("report.json").path
        let data = folder.appendingPathComponent("data").path
        try Data(Self.spec.utf8).write(to: URL(fileURLWithPath: spec))
        try Data("身份证号码,姓名,死亡日期\n371482195803071237,张三,2023/5/7\n371482195803071237,李四,2023/2/30\n".utf8)
            .write(to: URL(fileURLWithPath: export))

        // No subcommand: `run`, here as a dry run with a report.
        let dry = try Self.run(["ingest", "--spec", spec, export, "--dry-run", "--report", report, "--max-reject-rate", "0.9"])
        // 3: done, with rejected rows.
        #expect(dry.status == 3, "\(dry.error)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        let file = (json?["files"] as? [[String: Any]])?.first
        #expect(file?["rows_read"] as? Int == 2)
        #expect(file?["accepted"] as? Int == 1)
        #expect(json?["dry_run"] as? Bool == true)

        // No subcommand again, writing this time; then `history` shows the imported file.
        let imported = try Self.run(["ingest", "--spec", spec, export, "--data", data, "--max-reject-rate", "0.9"])
        #expect(imported.status == 3, "\(imported.error)")
        let history = try Self.run(["ingest", "history", "--data", data])
        #expect(history.status == 0, "\(history.error)")
        #expect(history.output.contains("civil_affairs_deaths"))
        // `history` is a subcommand, not a file named "history" given to `run`.
        #expect(!history.error.contains("history"))
    }
}
