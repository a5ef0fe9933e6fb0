public import Foundation
public import FundWatchCore
public import Storage

/// Serves cockpit snapshots from memory. The store's rollups are read incrementally (only the
/// cells changed since the cache's version) at most once per `recheckInterval`; a region's
/// snapshot is built once per version and day, then served, with its JSON, until either moves.
///
/// One cache per process, shared by every request (the web app's cockpit routes and API).
public actor CockpitCache {
    private let database: FundWatchDatabase
    private let catalog: RegionCatalog
    private let configuration: CockpitConfiguration
    private let clock: any DashboardClock
    private var rollups: RiskRollupIndex
    private var freshness: FreshnessIndex
    private var ruleTitles: [String: String] = [:]
    private var snapshots: [String: (snapshot: CockpitSnapshot, json: Data)] = [:]
    private var snapshotsAsOf: CivilDate?
    private var lastCheck: Date?

    public init(
        database: FundWatchDatabase, catalog: RegionCatalog = .shared, configuration: CockpitConfiguration = .init(),
        clock: any DashboardClock = SystemClock()
    ) {
        self.database = database
        self.catalog = catalog
        self.configuration = configuration
        self.clock = clock
        self.rollups = RiskRollupIndex(catalog: catalog)
        self.freshness = FreshnessIndex(cells: [], catalog: catalog)
    }

    /// The dashboard version the cache is current at.
    public var version: Int64 { rollups.version }

    /// The snapshot of a region (`000000` for the nation). Throws `DashboardError.unknownRegion`
    /// for a code not in the catalogue, and the store's errors when it must read and cannot.
    public func snapshot(for regionCode: String) async throws -> CockpitSnapshot {
        try await entry(for: regionCode).snapshot
    }

    /// The snapshot's JSON (sorted keys), encoded once per version: what an API route sends.
    public func snapshotJSON(for regionCode: String) async throws -> Data {
        try await entry(for: regionCode).json
    }

    /// Asks the store for changes now, whatever the interval; returns whether any arrived.
    @discardableResult
    public func refresh() async throws -> Bool {
        lastCheck = clock.now()
        let changes = try await database.rollupChanges(after: rollups.version)
        // Another refresh may have run while this one awaited: never step back.
        guard changes.version != rollups.version, changes.version > rollups.version || changes.replacesAll else {
            return false
        }
        let cells = try await database.freshnessCells()
        let titles = try await database.ruleTitles()
        guard changes.version > rollups.version || changes.replacesAll else { return false }
        rollups.apply(changes)
        freshness = FreshnessIndex(cells: cells, catalog: catalog)
        ruleTitles = titles
        snapshots = [:]
        return true
    }

    private func entry(for regionCode: String) async throws -> (snapshot: CockpitSnapshot, json: Data) {
        let now = clock.now()
        if lastCheck.map({ now.timeIntervalSince($0) >= configuration.recheckInterval }) ?? true {
            try await refresh()
        }
        let today = CivilDate(chinaStandardTime: now)
        if snapshotsAsOf != today {
            snapshots = [:]
            snapshotsAsOf = today
        }
        if let cached = snapshots[regionCode] { return cached }
        let snapshot = try CockpitSnapshot.build(
            regionCode: regionCode, rollups: rollups, freshness: freshness, catalog: catalog, ruleTitles: ruleTitles,
            configuration: configuration, asOf: today)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let entry = (snapshot, try encoder.encode(snapshot))
        snapshots[regionCode] = entry
        return entry
    }
}

extension CivilDate {
    /// The calendar date of an instant in China Standard Time (UTC+8, no daylight saving), the
    /// day the bureaus' staff work in.
    init(chinaStandardTime date: Date) {
        self.init(daysSinceEpoch: Int(((date.timeIntervalSince1970 + 8 * 3600) / 86_400).rounded(.down)))
    }
}
