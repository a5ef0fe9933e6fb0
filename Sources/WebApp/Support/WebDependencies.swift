import AuditRules
public import Crypto
public import Dashboard
public import FundWatchCore
public import Logging
public import Storage

/// Everything the application reads and writes, passed in, so tests use an in-memory database,
/// an in-memory ledger, a fixed clock and seeded randomness.
public struct WebDependencies: Sendable {
    public var database: FundWatchDatabase
    /// The data folder's ledger: alert steps, unmaskings and payment checks are recorded here.
    public var trail: AuditTrail
    /// Where the ledger's tlog-tiles files live on disk, served read-only under `/ledger/`
    /// (nil when the ledger is in memory).
    public var ledgerDirectory: String?
    /// The rule library the pre-payment check runs and the rules page shows.
    public var rules: RuleLibrary
    /// The cockpit's figures; by default the Dashboard's rollups, served from memory.
    public var cockpit: any CockpitDataSource
    /// Where new red alerts are fanned out to the pages' live streams.
    public var live: LiveAlertHub
    /// Feeds `live` from the findings table; `serve` runs it for the server's lifetime, tests
    /// call `poll()` to step it.
    public var watcher: FindingsWatcher
    public var clock: WebClock
    public var random: RandomBytes
    /// Seals person references in URLs with the data folder's key.
    public var personReferences: PersonReference
    public var regions: RegionCatalog
    public var logger: Logger
    /// The data folder when serving one (`serve`, `demo`): its `inbox/` holds folders an admin
    /// may import from inside the server, its `witness-policy.txt` names the ledger's witnesses.
    /// Nil in tests that need neither.
    public var dataFolder: String?
    /// The whole population in memory for the pre-payment check (`serve` and `demo` build it
    /// at start); nil reads each payee's neighbourhood from the database per check.
    public var paymentPopulation: PaymentPopulation?
    /// The pre-payment check's decisions on their way into `trail` (group commits on a thread
    /// of their own; see `LedgerCommitQueue`). `finishLedgerRecords` waits for them.
    let paymentLedger: LedgerCommitQueue

    public init(
        database: FundWatchDatabase, trail: AuditTrail, ledgerDirectory: String?, rules: RuleLibrary,
        cockpit: (any CockpitDataSource)? = nil, clock: WebClock = .system, random: RandomBytes = .system,
        personKey: SymmetricKey, regions: RegionCatalog = .shared, logger: Logger = Logger(label: "fundwatch.web")
    ) {
        self.database = database
        self.trail = trail
        self.ledgerDirectory = ledgerDirectory
        self.rules = rules
        self.cockpit = cockpit ?? RollupCockpitSource(database: database, rules: rules, clock: clock, regions: regions)
        let live = LiveAlertHub(catalog: regions)
        self.live = live
        self.watcher = FindingsWatcher(
            database: database, hub: live, catalog: regions, clock: WebDashboardClock(clock: clock))
        self.clock = clock
        self.random = random
        self.personReferences = PersonReference(key: personKey)
        self.regions = regions
        self.logger = logger
        self.paymentLedger = LedgerCommitQueue(
            trail: trail, index: { [database] in try database.indexLedgerSubjects($0) },
            onError: { error in
                logger.error("ledger: cannot record payment decisions, retrying", metadata: ["error": "\(error)"])
            })
    }

    /// Waits until every payment decision answered so far is durable in the ledger (or `timeout`
    /// passes): a server calls it after it stops taking requests, before it closes the ledger.
    /// Returns how many are still unrecorded (0 when all are in).
    @discardableResult
    public func finishLedgerRecords(timeout: Duration = .seconds(30)) async -> Int {
        await paymentLedger.flush(timeout: timeout)
    }
}
