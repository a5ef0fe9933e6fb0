import ArgumentParser
import AuditRules
import Dashboard
import Foundation
import FundWatchCore
import Simulation
import Storage
import WebApp

/// `fundwatch demo`: the main job on the embedded default, end to end.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the main job on a synthetic population (演示): simulate, import, link, audit, serve the web app.",
        discussion: """
            Simulates a population with planted fraud into DATA/simulated, imports it into the embedded SQLite \
            database in DATA, prints what was loaded and planted, links the records whose ID number was mistyped \
            or left out to their persons, audits every person with the built-in rule library, makes demo accounts for every \
            role at the nation, province, city and county level, and serves the web application on http://HOST:PORT \
            (unless --no-serve). Running it again with the same seed imports nothing new and keeps the accounts.
            """
    )

    @OptionGroup var options: DataOptions

    @Option(help: "Number of persons to simulate.")
    var persons: Int = 50_000

    @Option(help: "Seed: the same seed gives the same population.")
    var seed: UInt64 = 20_261_125

    @Option(help: "Region to simulate (GB/T 2260 code).")
    var region: String = "370000"

    @Option(help: "The address the web application listens on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port the web application listens on.")
    var port: Int = 8080

    @Flag(help: "Stop after the demo accounts are made instead of serving (for scripts and tests).")
    var noServe = false

    @Flag(help: "Give the existing demo accounts new passwords (printed once).")
    var resetPasswords = false

    @Option(help: "A webhook URL that receives new red alerts (besides those in DATA/webhooks.conf), as for `serve`.")
    var webhook: String?

    @Option(help: "The file holding the --webhook's shared HMAC secret (at least 16 bytes).")
    var webhookSecretFile: String?

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port)") }
        guard (webhook == nil) == (webhookSecretFile == nil) else {
            throw ValidationError("--webhook and --webhook-secret-file go together")
        }
    }

    func run() async throws {
        // The same webhooks as `serve` (DATA/webhooks.conf and --webhook), read first: a
        // mistake in them is reported before the minute of work below, not after.
        let webhooks =
            noServe ? [] : try ServeCommand.webhookEndpoints(data: options.data, webhook: webhook, secretFile: webhookSecretFile)
        var timer = DemoPhaseTimer()
        let folder = options.dataFolder.appendingPathComponent("simulated", isDirectory: true)
        var configuration = SimulationConfiguration(persons: persons, seed: seed, regionCode: region)
        // Other departments' records carry mistyped or missing ID numbers at the simulator's
        // command-line default rate, so the demo shows linkage at work.
        configuration.identityNoiseRate = 0.01
        let simulator: Simulator
        do {
            simulator = try Simulator(configuration: configuration)
        } catch {
            throw CLIError(error.description)
        }
        print("1/6 simulating \(persons) persons in \(RegionCatalog.shared.region(region)?.name ?? region) (seed \(seed)) into \(folder.path)")
        var sink = try DirectorySink(directory: folder)
        let summary = try await simulator.run(into: &sink)
        try sink.finish()
        timer.phase("simulate")
        print("    \(summary.rows.values.reduce(0, +)) rows in \(summary.rows.count) files; planted fraud cases:")
        for (scheme, n) in summary.truth.sorted(by: { $0.key < $1.key }) where !scheme.hasPrefix("noise_") {
            print("      \(scheme.padding(toLength: 34, withPad: " ", startingAt: 0)) \(n)")
        }

        print("2/6 importing into \(options.dataFolder.path)")
        let report = try await ImportRunner.run(dataFolder: options.dataFolder, folder: folder, strict: false)
        let database = try FundWatchDatabase.open(dataFolder: options.dataFolder)
        timer.phase("import")

        print("3/6 summary")
        StatsPrinter.print(try await database.stats())
        if !report.rejected.isEmpty {
            printError("note: \(report.rejected.count) rows were rejected; see above")
        }
        timer.phase("summary")
        print("4/6 linking records with a mistyped or missing ID number to their persons")
        let resolution = try await database.resolve(now: SystemClock.now)
        print(
            "    \(resolution.considered) such records: \(resolution.linked) linked, \(resolution.toReview) sent to review (fundwatch resolve review), \(resolution.unresolved) without a candidate"
        )
        timer.phase("link")
        print("5/6 auditing every person with the built-in rule library; findings by rule, severity and city")
        let started = SystemClock.now
        let audit = try await AuditRunner.run(database: database, rulesFolder: nil)
        AuditReportPrinter.print(audit)
        let stored = try await AuditStore.store(
            audit, database: database, data: options.data, asOf: SystemClock.today, startedAt: started)
        print("    stored as audit run \(stored.runID): \(stored.newFindings) new findings; ledger: \(stored.changed.count) findings and \(stored.newRuleVersions.count) rule versions recorded")
        timer.phase("audit")
        try await serve(database: database, webhooks: webhooks, timer: &timer)
    }

    /// The last step: demo accounts for every role at each level, then the web application.
    func serve(database: FundWatchDatabase, webhooks: [WebhookEndpoint], timer: inout DemoPhaseTimer) async throws {
        print("6/6 demo accounts (passwords are shown only when an account is created or reset)")
        let accounts = try await DemoAccounts(database: database, random: .system).ensure(
            region: region, resetPasswords: resetPasswords, at: SystemClock.now)
        timer.phase("accounts")
        for a in accounts {
            let who = "\(a.username.padding(toLength: 20, withPad: " ", startingAt: 0)) \(a.role.chinese)（\(RegionCatalog.shared.region(a.regionCode)?.name ?? "全国")）"
            print("    \(who)  \(a.password.map { "密码 " + $0 } ?? "（已存在，密码不变；--reset-passwords 可重置）")")
        }
        print("    ready after \(timer.total)")
        if noServe {
            print("""
                Next: fundwatch serve --data \(options.data) --insecure-cookies · fundwatch person <ID> --data \(options.data) · \
                fundwatch evaluate --data \(options.data) --truth \(options.data)/simulated/truth.csv
                """)
            return
        }
        // Plain HTTP on this machine: the session cookie cannot be Secure here.
        try await ServeCommand.serve(data: options.data, host: host, port: port, secureCookies: false, webhooks: webhooks)
    }
}
