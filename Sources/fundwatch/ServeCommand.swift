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
        abstract: "Serve the web application (驾驶舱、预警、人员画像、规则库、存证、管理员) and the JSON API over a data folder.",
        discussion: """
            Users sign in with accounts made by `fundwatch user add` (or by an admin on the 管理员 page). The ledger of \
            DATA is opened exclusively, so `fundwatch audit` and `import` cannot run beside the server: an admin runs \
            them inside the server from the 管理员 page or `POST /api/v1/admin/jobs` (imports read folders placed in \
            DATA/inbox/). The rule library is the built-in one with the versions saved on the 规则库 page and \
            without the rules switched off there. New red alerts are delivered by webhook (HMAC-SHA256 signed, \
            retried with backoff) to the endpoints in DATA/webhooks.conf (`<name> <url> <secret-file>` per line) and \
            the one given by --webhook/--webhook-secret-file. Department witnesses fetch checkpoints from \
            /ledger/witness/add-checkpoint and submit cosignatures to /ledger/witness/cosignature, checked against \
            DATA/witness-policy.txt. Cookies are marked Secure unless --insecure-cookies is given (for plain HTTP on \
            this machine only; put HTTPS in front otherwise). SIGINT or SIGTERM stops the server gracefully: \
            requests in flight finish, the alert watcher and the webhook deliverer stop between passes.
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Flag(help: "Send the session cookie over plain HTTP too (local use without HTTPS).")
    var insecureCookies = false

    @Option(help: "A webhook URL that receives new red alerts (besides those in DATA/webhooks.conf).")
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
        _ = try options.openExisting()
        var endpoints: [WebhookEndpoint]
        do {
            endpoints = try WebhookSettings.load(data: options.data)
            if let webhook, let webhookSecretFile {
                endpoints.append(
                    try WebhookSettings.endpoint(
                        name: "cli", url: webhook, secretFile: webhookSecretFile, data: FileManager.default.currentDirectoryPath,
                        at: "--webhook"))
            }
        } catch {
            throw CLIError("\(error)")
        }
        try await Self.serve(
            data: options.data, host: host, port: port, secureCookies: !insecureCookies, webhooks: endpoints)
    }

    /// Opens the data folder's dependencies and serves until interrupted.
    static func serve(
        data: String, host: String, port: Int, secureCookies: Bool, webhooks: [WebhookEndpoint] = []
    ) async throws {
        var dependencies: WebDependencies
        do {
            dependencies = try WebDependencies.open(data: data)
            // The rules page's saved versions and switches apply to the payment check and the in-server audits.
            let (library, problems) = try await ManagedRules.load(database: dependencies.database)
            for problem in problems { printError("rules: \(problem)") }
            dependencies.rules.replace(with: library)
        } catch {
            throw CLIError("cannot open \(data) for serving: \(error)")
        }
        let interrupted = try await dependencies.database.failInterruptedJobs(at: Date())
        if interrupted > 0 { printError("\(interrupted) server job(s) left unfinished by the last run were marked failed") }
        // New red alerts reach the pages' live streams, and the webhooks' outbox, from findings
        // stored by any process.
        if !webhooks.isEmpty {
            dependencies.watcher = FindingsWatcher(
                database: dependencies.database, hub: dependencies.live,
                outbox: NotificationOutbox(database: dependencies.database, endpoints: webhooks),
                catalog: dependencies.regions)
        }
        // A malformed witness policy stops the start here, naming the file and line.
        let app = try await buildApplication(
            configuration: WebConfiguration(host: host, port: port, secureCookies: secureCookies),
            dependencies: dependencies)
        // Freshness reads only rows imported since the last refresh; run it once here so a folder
        // filled by an older version (or by hand) shows its feeds' dates.
        _ = try await dependencies.database.refreshFreshness()
        let watcher = dependencies.watcher
        let database = dependencies.database
        let watching = Task {
            await watcher.run(onError: { printError("live alerts: cannot read new findings: \($0)") })
        }
        let delivering: Task<Void, Never>? =
            webhooks.isEmpty
            ? nil
            : Task {
                let deliverer = NotificationDeliverer(
                    database: database, endpoints: webhooks, transport: URLSessionWebhookTransport())
                await deliverer.run(onError: { printError("webhooks: delivery pass failed, retrying: \($0)") })
            }
        // Case task and verification deadlines: reminders and escalations every 15 minutes.
        let sweeper = DeadlineSweeper(database: database, trail: dependencies.trail, clock: dependencies.clock)
        let sweepLogger = dependencies.logger
        let sweeping = Task { await sweeper.run(every: .seconds(900), logger: sweepLogger) }
        print("serving http://\(host):\(port)/ (Ctrl-C to stop)")
        if !webhooks.isEmpty { print("delivering new red alerts to \(webhooks.map(\.name).joined(separator: ", "))") }
        defer {
            watching.cancel()
            delivering?.cancel()
            sweeping.cancel()
        }
        try await app.runService()
        // Graceful shutdown: the server has stopped taking requests; let the watcher and the
        // deliverer finish the pass they are in (an attempt is recorded, not lost half-way).
        watching.cancel()
        delivering?.cancel()
        sweeping.cancel()
        await watching.value
        await delivering?.value
        await sweeping.value
        print("stopped")
    }
}
