import HTTPTypes
public import Hummingbird
import Logging
import Storage

/// Builds the web application: the router with its middleware and controllers, served on the
/// configured address. `fundwatch serve`, `fundwatch demo` and the tests all build it here.
public func buildApplication(
    configuration: WebConfiguration, dependencies: WebDependencies
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(configuration: configuration, dependencies: dependencies)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "FundWatch"),
        logger: dependencies.logger)
}

/// The router alone, for tests that drive it without a server.
public func buildRouter(
    configuration: WebConfiguration, dependencies: WebDependencies
) async throws -> Router<AppRequestContext> {
    let d = dependencies
    let pages = try await PageRenderer.load()
    let assets = try AssetController.load()
    let presenter = Presenter(
        database: d.database, rules: d.rules, references: d.personReferences, clock: d.clock)

    let credentials = CredentialCache(lifetime: configuration.credentialCacheLifetime)
    let router = Router(context: AppRequestContext.self)
    // Order matters: headers on every answer, errors turned into answers, then who is calling.
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(pages: pages, logger: d.logger))
    router.add(middleware: AuthenticationMiddleware(
            database: d.database, clock: d.clock, secureCookies: configuration.secureCookies, credentials: credentials))

    let api = router.group("/api/v1")
    SignInController(
        database: d.database, pages: pages, configuration: configuration, clock: d.clock, random: d.random,
        credentials: credentials)
        .addRoutes(to: router)
    AssetController.addHealth(to: router)
    assets.addRoutes(pages: router, api: api)
    CockpitController(source: d.cockpit, pages: pages, cases: CockpitCaseFlow(database: d.database, clock: d.clock))
        .addRoutes(pages: router, api: api)
    AlertController(database: d.database, trail: d.trail, presenter: presenter, pages: pages, clock: d.clock)
        .addRoutes(pages: router, api: api)
    PersonController(database: d.database, trail: d.trail, presenter: presenter, pages: pages, clock: d.clock)
        .addRoutes(pages: router, api: api)
    let recorder = AdminRecorder(database: d.database, trail: d.trail, logger: d.logger)
    RuleController(database: d.database, rules: d.rules, pages: pages, recorder: recorder, clock: d.clock)
        .addRoutes(pages: router, api: api)
    ImportController(database: d.database, pages: pages).addRoutes(pages: router, api: api)
    // A malformed witness policy stops the start here, naming the file and line.
    let witnesses = WitnessController(
        trail: d.trail, database: d.database, policy: try WitnessController.loadPolicy(data: d.dataFolder), clock: d.clock,
        logger: d.logger)
    LedgerController(trail: d.trail, database: d.database, ledgerDirectory: d.ledgerDirectory, pages: pages, witnesses: witnesses)
        .addRoutes(pages: router, api: api)
    FindingController(database: d.database, presenter: presenter).addRoutes(api: api)
    RiskController(database: d.database, presenter: presenter).addRoutes(api: api)
    ModelQualityController(database: d.database, pages: pages).addRoutes(pages: router, api: api)
    LiveController(hub: d.live).addRoutes(api: api)
    let jobs = JobRunner(
        database: d.database, trail: d.trail, rules: d.rules, inbox: d.dataFolder.map { $0 + "/inbox" },
        recorder: recorder, clock: d.clock, logger: d.logger)
    AdminController(
        administration: UserAdministration(
            database: d.database, accounts: UserAccounts(database: d.database, random: d.random, bcryptCost: configuration.bcryptCost),
            recorder: recorder, clock: d.clock, credentials: credentials),
        database: d.database, pages: pages, jobs: jobs
    ).addRoutes(pages: router, api: api)
    JobController(runner: jobs, database: d.database, pages: pages).addRoutes(pages: router, api: api)
    witnesses.addRoutes(pages: router, api: api)
    let cases = CaseController(
        database: d.database, trail: d.trail, clock: d.clock, files: CaseEvidenceFiles.store(ledgerDirectory: d.ledgerDirectory),
        pages: pages, rules: d.rules, printer: ChromiumPrinter.find())
    cases.addRoutes(api: api)
    cases.addPageRoutes(to: router)
    cases.addDocumentRoutes(pages: router, api: api)
    cases.addEvidencePackRoutes(pages: router, api: api)
    PaymentController(
        service: PaymentCheckService(
            database: d.database, rules: d.rules, population: d.paymentPopulation,
            recheckInterval: configuration.paymentRecheckInterval),
        ledger: d.paymentLedger, database: d.database, clock: d.clock
    ).addRoutes(api: api)
    let collaboration = CollaborationController(
        database: d.database, trail: d.trail,
        evidence: CaseEvidenceSink(
            recorder: CaseEvidenceLog(database: d.database, trail: d.trail, now: { [clock = d.clock] in clock.now() }),
            fallback: LedgerEvidenceSink(trail: d.trail)), clock: d.clock,
        regions: d.regions, logger: d.logger, pages: pages
    )
    collaboration.addRoutes(api: api)
    collaboration.addPageRoutes(to: router)
    return router
}
