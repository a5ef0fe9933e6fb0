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

    func flow(for scope: RegionScope, children: [String]) async throws -> CaseFlow {
        try await database.caseFlow(in: scope, children: children, at: clock.now())
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
