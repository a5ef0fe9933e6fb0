import HTTPTypes
import Foundation
import FundWatchCore
import Hummingbird
import Mustache
import Storage

/// The cockpit (驾驶舱): the caller's region (or a region under it, drilled down to) and its
/// children, from whatever `CockpitDataSource` the app was built with.
struct CockpitController: Sendable {
    let source: any CockpitDataSource
    let pages: PageRenderer
    /// The case section (案件办理, owned by casework): on the page and as `cases` in the JSON.
    var cases: CockpitCaseFlow? = nil

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/", use: page)
        router.get("/cockpit/:region", use: page)
        api.get("/dashboard", use: json)
        api.get("/dashboard/:region", use: json)
    }

    /// The scope to show: the caller's own, or a region inside it; any other region answers 404.
    func scope(_ context: AppRequestContext, identity: Identity) throws -> RegionScope {
        guard let code = context.parameters.get("region") else { return identity.scope }
        guard let scope = RegionScope(code: code), scope.prefix.hasPrefix(identity.scope.prefix) else {
            throw AppError.notFound
        }
        return scope
    }

    func json(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        // Cached sources answer with bytes encoded once per rollup version.
        let scope = try scope(context, identity: identity)
        let bytes = try await source.cockpitJSON(for: scope)
        // `?cases=true` adds the case section; without it the cached bytes go out untouched.
        guard request.uri.queryParameters.get("cases") == "true", let cases else { return JSONOutput.response(json: bytes) }
        return JSONOutput.response(json: try await cases.addingCases(to: bytes, scope: scope))
    }

    struct Bar: Sendable {
        let key: String
        let label: String
        let findings: Int
        let amountYuan: String
        /// Width of the bar, percent of the largest amount in its group, in steps of 5 (a CSS class:
        /// the content security policy allows no inline styles).
        let percent: Int
        let severityClass: String
    }

    struct Child: Sendable {
        let code: String
        let name: String
        let findings: Int
        let red: Int
        let amountYuan: String
        let drillable: Bool
        /// 数据陈旧 note: the feeds some county of this child has not delivered lately.
        let stale: String?
    }

    struct FeedRow: Sendable {
        let label: String
        let newest: String
        let age: String
        let thresholdDays: Int
        let staleCounties: Int
        let counties: Int
        let stale: Bool
    }

    struct Crumb: Sendable {
        let code: String
        let name: String
    }

    struct PageView: Sendable {
        let regionName: String
        let levelName: String
        let totalFindings: Int
        let totalYuan: String
        let bySeverity: [Bar]
        let byCategory: [Bar]
        let byPeriod: [Bar]
        let topRules: [Bar]
        let children: [Child]
        let hasChildren: Bool
        let crumbs: [Crumb]
        /// Server-rendered SVG (escaped by its renderer; no script), nil when there is no map.
        let heatMapSVG: String?
        let freshness: [FeedRow]
        let hasFreshness: Bool
        /// The case section's partial (`cockpit-cases`), when the app has casework.
        var cases: CockpitCaseFlow.Section? = nil
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.user.role.readsFindings else {
            // A department liaison has no cockpit: their start page is the imports.
            return Response.redirect(to: "/imports", type: .normal)
        }
        let scope = try scope(context, identity: identity)
        // The content depends on the figures (the source keeps it per snapshot), the level the
        // caller's breadcrumbs start at and the case figures: rendered once for each, not per request.
        let casesVersion = cases?.version() ?? ""
        // The case section lists the children in the figures' order (cached data: no drawing here).
        let data = try await source.cockpit(for: scope)
        let section = try await cases?.section(for: scope, children: data.children.map(\.code))
        let callerPrefix = identity.scope.prefix
        let html = try await source.cockpitPage(for: scope, variant: callerPrefix + "|" + casesVersion) { [pages] data in
            var view = Self.view(of: data, scope: scope, callerPrefix: callerPrefix)
            view.cases = section
            guard let html = pages.library.render(view, withTemplate: "cockpit-body") else {
                throw AppError(.internalServerError, code: "internal", "页面模板缺失")
            }
            return html
        }
        return pages.render("cockpit", title: "驾驶舱", identity: identity, html: html)
    }

    /// What the page's content shows of `data`, for a caller whose region has `callerPrefix`.
    static func view(of data: CockpitData, scope: RegionScope, callerPrefix: String) -> PageView {
        func bars(_ tallies: [CockpitData.Tally], severity: Bool = false) -> [Bar] {
            let top = max(1, tallies.map(\.amountAtRisk).max() ?? 1)
            return tallies.map {
                Bar(
                    key: $0.key, label: $0.label, findings: $0.findings, amountYuan: Labels.yuan($0.amountAtRisk),
                    percent: Int((max(1, min(100, $0.amountAtRisk * 100 / top)) + 4) / 5 * 5), severityClass: severity ? "sev-\($0.key)" : "")
            }
        }
        let level = scope.isNation ? "全国" : RegionCatalog.shared.region(scope.code)?.level.chinese ?? ""
        // Breadcrumbs from the caller's own region down to the one shown.
        var crumbs = [Crumb]()
        if !scope.isNation {
            for r in RegionCatalog.shared.ancestors(of: scope.code).reversed()
            where r.code.hasPrefix(callerPrefix) && r.code != scope.code {
                crumbs.append(Crumb(code: r.code, name: r.name))
            }
        }
        return PageView(
            regionName: data.regionName, levelName: level, totalFindings: data.totalFindings,
            totalYuan: Labels.yuan(data.totalAmountAtRisk), bySeverity: bars(data.bySeverity, severity: true),
            byCategory: bars(data.byCategory), byPeriod: bars(data.byPeriod), topRules: bars(data.topRules),
            children: data.children.map {
                Child(
                    code: $0.code, name: $0.name, findings: $0.findings, red: $0.red, amountYuan: Labels.yuan($0.amountAtRisk),
                    drillable: RegionCatalog.shared.region($0.code)?.level != .county,
                    stale: $0.staleFeeds.isEmpty ? nil : $0.staleFeeds.joined(separator: "、"))
            },
            hasChildren: !data.children.isEmpty, crumbs: crumbs, heatMapSVG: data.heatMapSVG,
            freshness: data.freshness.map {
                FeedRow(
                    label: $0.label, newest: $0.newest ?? "未报送", age: $0.laggingAgeDays.map { "\($0) 天" } ?? "有区县未报送",
                    thresholdDays: $0.thresholdDays, staleCounties: $0.staleCounties, counties: $0.counties,
                    stale: $0.staleCounties > 0)
            },
            hasFreshness: !data.freshness.isEmpty)
    }
}
