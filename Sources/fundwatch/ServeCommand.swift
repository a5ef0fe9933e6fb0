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

    @Flag(
        inversion: .prefixedNo,
        help: "Keep every person's timeline in memory for the pre-payment check (memory grows with the population; without it each check reads the payee's household from the database).")
    var paymentPopulation = true

    @Option(help: "Seconds a verified session or API token is trusted before the database is asked again (0: every request).")
    var credentialCacheSeconds: Double = 1

    @Option(
        help: "Milliseconds the pre-payment check trusts its population and blacklist in memory before asking the database whether records or the blacklist changed (0: before every check).")
    var paymentRecheckMs: Int = 250

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port)") }
        guard (webhook == nil) == (webhookSecretFile == nil) else {
            throw ValidationError("--webhook and --webhook-secret-file go together")
        }
        guard (0...300).contains(credentialCacheSeconds) else {
            throw ValidationError("--credential-cache-seconds must be between 0 and 300, not \(credentialCacheSeconds)")
        }
        guard (0...60_000).contains(paymentRecheckMs) else {
            throw ValidationError("--payment-recheck-ms must be between 0 and 60000, not \(paymentRecheckMs)")
        }
    }

    func run() async throws {
        _ = try options.openExisting()
        try await Self.serve(
            data: options.data, host: host, port: port, secureCookies: !insecureCookies,
            webhooks: try Self.webhookEndpoints(data: options.data, webhook: webhook, secretFile: webhookSecretFile),
            credentialCacheLifetime: credentialCacheSeconds, paymentPopulation: paymentPopulation,
            paymentRecheckInterval: .milliseconds(paymentRecheckMs))
    }

    /// The webhook endpoints of DATA/webhooks.conf, and the one given on the command line.
    static func webhookEndpoints(data: String, webhook: String?, secretFile: String?) throws -> [WebhookEndpoint] {
        do {
            var endpoints = try WebhookSettings.load(data: data)
            if let webhook, let secretFile {
                endpoints.append(
                    try WebhookSettings.endpoint(
                        name: "cli", url: webhook, secretFile: secretFile, data: FileManager.default.currentDirectoryPath,
                        at: "--webhook"))
            }
            return endpoints
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// Opens the data folder's dependencies and serves until interrupted.
    static func serve(
        data: String, host: String, port: Int, secureCookies: Bool, webhooks: [WebhookEndpoint] = [],
        credentialCacheLifetime: TimeInterval = 1, paymentPopulation: Bool = true,
        paymentRecheckInterval: Duration = .milliseconds(250)
    ) async throws {
        var dependencies: WebDependencies
        do {
            dependencies = try WebDependencies.open(data: data)
            // The rules page's saved versions and switches apply to the payment check and the in-server audits.
            let (library, problems) = try await ManagedRules.load(database: dependencies.database)
            for problem in problems { printError("rules: \(problem)") }
            dependencies.rules.replace(with: library)
            if !paymentPopulation { dependencies.paymentPopulation = nil }
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
            configuration: WebConfiguration(
                host: host, port: port, secureCookies: secureCookies, credentialCacheLifetime: credentialCacheLifetime,
                paymentRecheckInterval: paymentRecheckInterval),
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
        // The payment check's population loads beside the server; checks read the database until it is in.
        let loading: Task<Void, Never>? = dependencies.paymentPopulation.map { population in
            Task.detached(priority: .utility) {
                let started = ContinuousClock.now
                do {
                    let persons = try await population.refresh().persons
                    Self.printNow("payment check: \(persons) persons in memory (\(DemoPhaseTimer.seconds(ContinuousClock.now - started)) s)")
                } catch {
                    printError("payment check: cannot load the population, checks read the database: \(error)")
                }
            }
        }
        // With a checkpoint interval, a quiet ledger publishes what the last commits held back.
        let trail = dependencies.trail
        let publishing = Task.detached(priority: .utility) {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                do { try trail.publishPending() } catch { printError("ledger: cannot publish the checkpoint: \(error)") }
            }
        }
        // Case task and verification deadlines: reminders and escalations every 15 minutes.
        let sweeper = DeadlineSweeper(database: database, trail: dependencies.trail, clock: dependencies.clock)
        let sweepLogger = dependencies.logger
        let sweeping = Task { await sweeper.run(every: .seconds(900), logger: sweepLogger) }
        Self.printNow("serving http://\(host):\(port)/ (Ctrl-C to stop)")
        if !webhooks.isEmpty { Self.printNow("delivering new red alerts to \(webhooks.map(\.name).joined(separator: ", "))") }
        defer {
            watching.cancel()
            delivering?.cancel()
            publishing.cancel()
            loading?.cancel()
            sweeping.cancel()
        }
        try await app.runService()
        // Graceful shutdown: the server has stopped taking requests; let the watcher and the
        // deliverer finish the pass they are in (an attempt is recorded, not lost half-way).
        watching.cancel()
        delivering?.cancel()
        publishing.cancel()
        sweeping.cancel()
        await watching.value
        await delivering?.value
        await publishing.value
        await sweeping.value
        // Every payment decision answered is in the ledger before it closes.
        let unrecorded = await dependencies.finishLedgerRecords(timeout: .seconds(60))
        if unrecorded > 0 { printError("ledger: \(unrecorded) payment decision(s) could not be recorded; see the log") }
        // The last commits' checkpoint is published and the commit journal emptied, so the
        // served checkpoint names every entry and the next start replays nothing.
        do { try trail.close() } catch { printError("ledger: cannot publish the final checkpoint: \(error)") }
        Self.printNow("stopped at ledger size \(trail.size)")
    }

    /// Prints a line and flushes standard output: a server's progress lines must reach a log
    /// file when they happen, not when a buffer fills (`fflush(nil)` flushes every stream).
    static func printNow(_ line: String) {
        print(line)
        fflush(nil)
    }
}
