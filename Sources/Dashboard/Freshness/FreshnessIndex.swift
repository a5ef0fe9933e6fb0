public import FundWatchCore
public import Storage

/// The newest record per county and feed, rolled up to any region on request: a region's feed is
/// as fresh as its most lagging county, so one silent county cannot hide behind busy neighbours.
public struct FreshnessIndex: Sendable {
    /// Newest record per county (only counties that delivered something) and feed.
    private var newestByCounty: [String: [RecordKind: CivilDate]] = [:]
    private let catalog: RegionCatalog

    public init(cells: [FreshnessCell], catalog: RegionCatalog) {
        self.catalog = catalog
        for cell in cells where !cell.regionCode.isEmpty {
            newestByCounty[cell.regionCode, default: [:]][cell.kind] = cell.newest
        }
    }

    /// The counties under `regionCode` (itself if a county; every county for the nation) that
    /// delivered any record.
    public func deliveringCounties(under regionCode: String) -> [String] {
        newestByCounty.keys.filter { county in
            regionCode == RiskRollupIndex.nationCode || county == regionCode || catalog.contains(regionCode, county)
        }.sorted()
    }

    /// Every followed feed's freshness in a region on `asOf`.
    public func freshness(under regionCode: String, asOf: CivilDate, policy: FreshnessPolicy) -> [FeedFreshness] {
        let counties = deliveringCounties(under: regionCode)
        return policy.feeds.map { kind in
            let threshold = policy.threshold(for: kind)
            var newest: CivilDate?
            var lagging: CivilDate?
            var missing = false
            var stale = 0
            for county in counties {
                guard let date = newestByCounty[county]?[kind] else {
                    missing = true
                    stale += 1
                    continue
                }
                newest = max(newest ?? date, date)
                lagging = min(lagging ?? date, date)
                if asOf.daysSinceEpoch - date.daysSinceEpoch > threshold { stale += 1 }
            }
            let laggingDate = missing ? nil : lagging
            return FeedFreshness(
                feed: kind.rawValue, label: kind.chinese, newest: newest?.description,
                laggingNewest: laggingDate?.description,
                laggingAgeDays: laggingDate.map { asOf.daysSinceEpoch - $0.daysSinceEpoch },
                thresholdDays: threshold, counties: counties.count, staleCounties: stale)
        }
    }
}
