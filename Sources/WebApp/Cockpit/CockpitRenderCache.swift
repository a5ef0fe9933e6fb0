import Dashboard
import Foundation

/// What a region's cockpit costs to draw — the `CockpitData` with its SVG heat map, the API's
/// JSON and the page's rendered content — kept per region for as long as its rollup snapshot stays the same, so that a request
/// between two changes of the findings renders nothing.
///
/// Keyed by the snapshot itself (not a version number): the snapshot changes with the rollups,
/// the freshness and the day, and comparing one is far cheaper than drawing the map again.
final class CockpitRenderCache: @unchecked Sendable {
    struct Entry {
        let snapshot: CockpitSnapshot
        let data: CockpitData
        /// Encoded lazily: a page-only region never pays for its JSON.
        var json: Data?
        /// The page's content per variant (the level the caller's breadcrumbs start at, the
        /// case figures' version): rendered on first request, dropped with the snapshot.
        var pages: [String: String] = [:]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// The data drawn for `snapshot`, from the cache when it was drawn for the same snapshot.
    func data(for key: String, snapshot: CockpitSnapshot, draw: (CockpitSnapshot) -> CockpitData) -> CockpitData {
        if let hit = lock.withLock({ entries[key] }), hit.snapshot == snapshot { return hit.data }
        // Drawn outside the lock: two requests racing on a new snapshot both draw, one is kept.
        let data = draw(snapshot)
        lock.withLock { entries[key] = Entry(snapshot: snapshot, data: data, json: nil) }
        return data
    }

    /// The page content rendered from the data drawn for `snapshot`, once per snapshot and variant.
    func page(
        for key: String, snapshot: CockpitSnapshot, variant: String, draw: (CockpitSnapshot) -> CockpitData,
        render: (CockpitData) throws -> String
    ) throws -> String {
        if let hit = lock.withLock({ entries[key] }), hit.snapshot == snapshot, let html = hit.pages[variant] { return html }
        let html = try render(data(for: key, snapshot: snapshot, draw: draw))
        lock.withLock {
            guard entries[key]?.snapshot == snapshot else { return }
            // Variants pile up only as case figures change within one snapshot: keep the latest few.
            if (entries[key]?.pages.count ?? 0) >= Self.maximumVariants { entries[key]?.pages.removeAll() }
            entries[key]?.pages[variant] = html
        }
        return html
    }

    /// Rendered variants kept per region and snapshot.
    static let maximumVariants = 16

    /// The JSON of the data drawn for `snapshot`, encoded once per snapshot.
    func json(
        for key: String, snapshot: CockpitSnapshot, draw: (CockpitSnapshot) -> CockpitData, encode: (CockpitData) throws -> Data
    ) throws -> Data {
        if let hit = lock.withLock({ entries[key] }), hit.snapshot == snapshot, let json = hit.json { return json }
        let data = self.data(for: key, snapshot: snapshot, draw: draw)
        let json = try encode(data)
        lock.withLock {
            if entries[key]?.snapshot == snapshot { entries[key]?.json = json }
        }
        return json
    }
}
