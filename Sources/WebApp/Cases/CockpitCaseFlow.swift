import Foundation
import FundWatchCore
import Storage

/// The case section of each level's cockpit (案件办理): case flow this month, open, overdue and
/// supervised-overdue cases and the recovery rate, for the region shown and each region below
/// it. The cockpit controller asks it for the page's partial (`cockpit-cases`) and adds its
/// figures to the dashboard JSON as `cases`.
struct CockpitCaseFlow: Sendable {
    let database: FundWatchDatabase
    let clock: WebClock
    /// The figures per scope and children, kept until a case is written or the minute turns
    /// (overdue depends on the time): the dashboard JSON is served from a cache, and four
    /// queries per request would cost it most of its throughput.
    private let cache = Cache()

    init(database: FundWatchDatabase, clock: WebClock) {
        self.database = database
        self.clock = clock
    }

    final class Cache: @unchecked Sendable {
        struct Key: Hashable {
            let scope: String
            let children: [String]
        }

        struct Stamp: Equatable {
            let generation: UInt64
            let minute: Int64
        }

        private let lock = NSLock()
        private var flows = [Key: (Stamp, CaseFlow)]()

        func get(_ key: Key, _ stamp: Stamp) -> CaseFlow? {
            lock.withLock { flows[key].flatMap { $0.0 == stamp ? $0.1 : nil } }
        }

        func put(_ key: Key, _ stamp: Stamp, _ flow: CaseFlow) {
            lock.withLock {
                if flows.count > 4_096 { flows.removeAll() }
                flows[key] = (stamp, flow)
            }
        }
    }

    /// What the `cockpit-cases` partial shows.
    struct Section: Sendable {
        struct Row: Sendable {
            let code: String
            let name: String
            let opened: Int
            let closed: Int
            let open: Int
            let overdue: Int
            let overdueSupervised: Int
            let recoveryRate: String
            let flagged: Bool
        }

        let period: String
        let region: Row
        let children: [Row]
        let hasChildren: Bool
    }

    /// The version of the case figures right now: a page rendered with a section read at or
    /// after this version may be reused while it holds.
    func version() -> String {
        let minute = Int64((clock.now().timeIntervalSince1970 / 60).rounded(.down))
        return "\(FundWatchDatabase.caseWriteGeneration).\(minute)"
    }

    func flow(for scope: RegionScope, children: [String]) async throws -> CaseFlow {
        let now = clock.now()
        let key = Cache.Key(scope: scope.code, children: children)
        // Read the generation before the query: a write during it makes the next read miss.
        let stamp = Cache.Stamp(
            generation: FundWatchDatabase.caseWriteGeneration, minute: Int64((now.timeIntervalSince1970 / 60).rounded(.down)))
        if let flow = cache.get(key, stamp) { return flow }
        let flow = try await database.caseFlow(in: scope, children: children, at: now)
        cache.put(key, stamp, flow)
        return flow
    }

    func section(for scope: RegionScope, children: [String]) async throws -> Section {
        let flow = try await flow(for: scope, children: children)
        func row(_ r: CaseFlow.Row) -> Section.Row {
            Section.Row(
                code: r.code, name: RegionNames.name(r.code), opened: r.opened,
                closed: r.closed, open: r.open, overdue: r.overdue, overdueSupervised: r.overdueSupervised,
                recoveryRate: r.recoveryRate.map { String(format: "%.1f%%", $0 * 100) } ?? "—",
                flagged: r.overdue > 0 || r.overdueSupervised > 0)
        }
        let children = flow.children.map(row)
        return Section(period: flow.period, region: row(flow.region), children: children, hasChildren: !children.isEmpty)
    }

    /// The dashboard JSON with `"cases": {…}` added as the object's last member; the cockpit's
    /// own bytes (cached per rollup version) are left as they are.
    func addingCases(to json: Data, scope: RegionScope) async throws -> Data {
        let children = RegionCatalog.shared.children(of: scope.isNation ? nil : scope.code).map(\.code)
        let cases = try JSONOutput.encoder().encode(try await flow(for: scope, children: children))
        guard let close = json.lastIndex(of: UInt8(ascii: "}")) else { return json }
        let body = json[..<close]
        let blank: Set<UInt8> = [0x20, 0x0A, 0x09, 0x0D]
        let empty = body.last(where: { !blank.contains($0) }) == UInt8(ascii: "{")
        var out = Data(body)
        out.append(contentsOf: Array((empty ? "\"cases\":" : ",\"cases\":").utf8))
        out.append(cases)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
