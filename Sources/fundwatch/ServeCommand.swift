import HTTPTypes
import ArgumentParser
import Dashboard
import Foundation
import Hummingbird
import Storage
import WebApp

/// `fundwatch serve`: the web application over a data folder.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application (驾驶舱、预警、人员画像、规则库、存证) and the JSON API over a data folder.",
        discussion: """
            Users sign in with accounts made by `fundwatch user add`. The ledger of DATA is opened exclusively: \
            stop the server before running commands that write it (audit, import). Cookies are marked Secure \
            unless --insecure-cookies is given (for plain HTTP on this machine only; put HTTPS in front otherwise).
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Flag(help: "Send the session cookie over plain HTTP too (local use without HTTPS).")
    var insecureCookies = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port)") }
    }

    func run() async throws {
        _ = try options.openExisting()
        try await Self.serve(data: options.data, host: host, port: port, secureCookies: !insecureCookies)
    }

    /// Opens the data folder's dependencies and serves until interrupted.
    static func serve(data: String, host: String, port: Int, secureCookies: Bool) async throws {
        let dependencies: WebDependencies
        do {
            dependencies = try WebDependencies.open(data: data)
        } catch {
            throw CLIError("cannot open \(data) for serving: \(error)")
        }
        let app = try await buildApplication(
            configuration: WebConfiguration(host: host, port: port, secureCookies: secureCookies),
            dependencies: dependencies)
        // Freshness reads only rows imported since the last refresh; run it once here so a folder
        // filled by an older version (or by hand) shows its feeds' dates.
        _ = try await dependencies.database.refreshFreshness()
        // New red alerts reach the pages' live streams from findings stored by any process.
        let watcher = dependencies.watcher
        let watching = Task {
            await watcher.run(onError: { printError("live alerts: cannot read new findings: \($0)") })
        }
        defer { watching.cancel() }
        print("serving http://\(host):\(port)/ (Ctrl-C to stop)")
        try await app.runService()
    }
}
