import AuditRules
import HTTPTypes
import Foundation
import Hummingbird
import Storage

/// The rule library (规则库): each rule with its hit counts in the caller's region, its YAML,
/// and the history of its recorded versions.
struct RuleController: Sendable {
    let database: FundWatchDatabase
    let rules: RuleLibrary
    let pages: PageRenderer

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/rules", use: listPage)
        router.get("/rules/:id", use: detailPage)
        api.get("/rules", use: list)
        api.get("/rules/:id", use: detail)
    }

    struct RuleRow: Sendable, Codable {
        let id: String
        let title: String
        let category: String
        let scope: String
        let severity: String
        let severityLabel: String
        let status: String
        let version: Int
        let openFindings: Int
        let findings: Int
    }

    struct VersionRow: Sendable, Codable {
        let version: Int
        let status: String
        let sha256: String
        let firstSeenAt: String
        let ledgerIndex: Int64?
        let openFindings: Int
        let findings: Int
    }

    struct RuleDetail: Sendable, Codable {
        let rule: RuleRow
        let yaml: String
        let basis: [String]
        let versions: [VersionRow]
    }

    func rows(scope: RegionScope) async throws -> (rows: [RuleRow], versions: [RuleVersionView]) {
        let versions = try await database.ruleVersionViews(in: scope)
        var open = [String: Int]()
        var all = [String: Int]()
        for v in versions {
            open[v.ruleID, default: 0] += v.openFindings
            all[v.ruleID, default: 0] += v.findings
        }
        let rows = rules.rules.map { rule in
            let s = rule.spec
            return RuleRow(
                id: s.id, title: s.title, category: s.category, scope: s.scope.rawValue, severity: s.severity.rawValue,
                severityLabel: s.severity.chinese, status: s.status.rawValue, version: s.version,
                openFindings: open[s.id] ?? 0, findings: all[s.id] ?? 0)
        }.sorted { ($0.openFindings, $1.id) > ($1.openFindings, $0.id) }
        return (rows, versions)
    }

    func ruleDetail(_ context: AppRequestContext, identity: Identity) async throws -> RuleDetail {
        guard let id = context.parameters.get("id"), let rule = rules.rule(id) else { throw AppError.notFound }
        let (rows, versions) = try await rows(scope: identity.scope)
        guard let row = rows.first(where: { $0.id == id }) else { throw AppError.notFound }
        return RuleDetail(
            rule: row, yaml: rule.spec.source ?? "", basis: rule.spec.basis,
            versions: versions.filter { $0.ruleID == id }.map {
                VersionRow(
                    version: $0.version, status: $0.status, sha256: $0.sha256, firstSeenAt: $0.firstSeenAt,
                    ledgerIndex: $0.ledgerIndex, openFindings: $0.openFindings, findings: $0.findings)
            })
    }

    struct RuleList: Encodable {
        let rules: [RuleRow]
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsRules)
        return JSONOutput.response(RuleList(rules: try await rows(scope: identity.scope).rows))
    }

    func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsRules)
        return JSONOutput.response(try await ruleDetail(context, identity: identity))
    }

    struct ListView: Sendable {
        let rules: [RuleRow]
        let count: Int
    }

    func listPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsRules)
        let rows = try await rows(scope: identity.scope).rows
        return pages.render("rules", title: "规则库", identity: identity, page: ListView(rules: rows, count: rows.count))
    }

    func detailPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsRules)
        let detail = try await ruleDetail(context, identity: identity)
        return pages.render("rule", title: "规则 \(detail.rule.id)", identity: identity, page: detail)
    }
}
