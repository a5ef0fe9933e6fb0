import AuditRules
public import Dashboard
public import Foundation
public import FundWatchCore
public import Storage

/// The cockpit from the Dashboard target's pre-aggregated rollups: snapshots are served from
/// memory (`CockpitCache`) and follow new findings within the cache's recheck interval, so a
/// request never groups the findings table. Adds the SVG heat map and the data freshness.
public struct RollupCockpitSource: CockpitDataSource {
    public let cache: CockpitCache
    /// The drawn data and JSON per region and snapshot: the heat map is not drawn per request.
    let rendered = CockpitRenderCache()

    public init(cache: CockpitCache) {
        self.cache = cache
    }

    /// A cache over `database` with each rule's category from the library.
    public init(database: FundWatchDatabase, rules: RuleLibrary, clock: WebClock, regions: RegionCatalog = .shared) {
        var categories = [String: String]()
        for rule in rules.rules { categories[rule.spec.id] = rule.spec.category }
        self.cache = CockpitCache(
            database: database, catalog: regions, configuration: CockpitConfiguration(ruleCategories: categories),
            clock: WebDashboardClock(clock: clock))
    }

    public func cockpit(for scope: RegionScope) async throws -> CockpitData {
        let key = scope.isNation ? RegionScope.nationCode : scope.code
        let snapshot = try await cache.snapshot(for: key)
        return rendered.data(for: key, snapshot: snapshot) { Self.draw($0, scope: scope) }
    }

    public func cockpitJSON(for scope: RegionScope) async throws -> Data {
        let key = scope.isNation ? RegionScope.nationCode : scope.code
        let snapshot = try await cache.snapshot(for: key)
        return try rendered.json(
            for: key, snapshot: snapshot, draw: { Self.draw($0, scope: scope) }, encode: { try JSONOutput.encoder().encode($0) })
    }

    public func cockpitPage(
        for scope: RegionScope, variant: String, render: @Sendable (CockpitData) throws -> String
    ) async throws -> String {
        let key = scope.isNation ? RegionScope.nationCode : scope.code
        let snapshot = try await cache.snapshot(for: key)
        return try rendered.page(
            for: key, snapshot: snapshot, variant: variant, draw: { Self.draw($0, scope: scope) }, render: render)
    }

    /// The page's and API's view of a snapshot, with the heat map drawn.
    static func draw(_ snapshot: CockpitSnapshot, scope: RegionScope) -> CockpitData {
        let feedLabels = Dictionary(snapshot.freshness.map { ($0.feed, $0.label) }, uniquingKeysWith: { a, _ in a })
        func tally(_ b: CockpitSnapshot.Bucket) -> CockpitData.Tally {
            .init(key: b.key, label: b.label, findings: b.findings, amountAtRisk: b.amountAtRisk)
        }
        return CockpitData(
            regionCode: scope.code, regionName: snapshot.region.name, totalFindings: snapshot.totals.findings,
            totalAmountAtRisk: snapshot.totals.amountAtRisk,
            bySeverity: snapshot.bySeverity.filter { $0.findings > 0 }.map(tally),
            byCategory: snapshot.byCategory.map(tally), byPeriod: snapshot.trend.map(tally),
            topRules: snapshot.topRules.map {
                .init(key: $0.ruleID, label: $0.title, findings: $0.findings, amountAtRisk: $0.amountAtRisk)
            },
            // Riskiest first, as the table is read: the map shows where, the table how much.
            children: snapshot.children.sorted { ($0.riskScore, $1.code) > ($1.riskScore, $0.code) }.map {
                .init(
                    code: $0.code, name: $0.name, findings: $0.findings, amountAtRisk: $0.amountAtRisk, red: $0.red,
                    staleFeeds: $0.staleFeeds.map { feedLabels[$0] ?? $0 })
            },
            heatMapSVG: snapshot.children.isEmpty ? nil : HeatMapRenderer.svg(for: snapshot),
            freshness: snapshot.freshness.map {
                .init(
                    feed: $0.feed, label: $0.label, newest: $0.newest, laggingAgeDays: $0.laggingAgeDays,
                    thresholdDays: $0.thresholdDays, counties: $0.counties, staleCounties: $0.staleCounties)
            })
    }
}

/// The web app's clock as the Dashboard's: one injected time for pages, caches and watchers.
struct WebDashboardClock: DashboardClock {
    let clock: WebClock

    func now() -> Date { clock.now() }

    func sleep(seconds: Double) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}
