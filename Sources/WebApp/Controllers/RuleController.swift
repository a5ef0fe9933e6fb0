import AuditRules
import HTTPTypes
import Foundation
import Hummingbird
import Storage

/// The rule library (规则库): each rule with its hit counts and settled-alert precision in the
/// caller's region, its YAML, the history of its versions; and, for supervisors and admins with
/// a national scope, editing with a live check, switching rules off and on (`+Edit`).
///
/// The library is national: one set of rules runs for every region (as the built-in library
/// does), so an edit or a switch applies everywhere and is only offered to `editsRules` roles
/// whose scope is the nation. Hit counts and precision are those of the caller's region.
struct RuleController: Sendable {
    let database: FundWatchDatabase
    let rules: RuleLibrary
    let pages: PageRenderer
    let recorder: AdminRecorder
    let clock: WebClock

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/rules", use: listPage)
        router.get("/rules/:id", use: detailPage)
        router.get("/rules/:id/edit", use: editPage)
        router.post("/rules/:id/edit", use: saveFromForm)
        router.post("/rules/:id/enabled", use: setEnabledFromForm)
        api.get("/rules", use: list)
        api.get("/rules/:id", use: detail)
        api.post("/rules/:id/check", use: checkDraft)
        api.put("/rules/:id", use: saveFromJSON)
        api.put("/rules/:id/enabled", use: setEnabledFromJSON)
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
        /// Whether the batch audit and the payment check run it.
        let enabled: Bool
        /// Whether the running version was saved on the rules page (else it is the built-in one).
        let edited: Bool
        let openFindings: Int
        let findings: Int
        /// Alerts of the rule turned into a case, and dismissed after review, in the caller's region.
        let confirmed: Int
        let dismissed: Int
        /// confirmed / (confirmed + dismissed); nil until an alert is settled.
        let precision: Double?
        /// The same, for people ("83.3%" or "—").
        let precisionText: String
    }

    struct VersionRow: Sendable, Codable {
        let version: Int
        let status: String
        let sha256: String
        let firstSeenAt: String
        let ledgerIndex: Int64?
        let openFindings: Int
        let findings: Int
        /// Who saved it on the rules page (nil for a version an audit met first: the built-in file).
        let savedBy: String?
    }

    struct RuleDetail: Sendable, Codable {
        let rule: RuleRow
        let yaml: String
        let basis: [String]
        let versions: [VersionRow]
        let events: [AdminEventRow]
        let hasEvents: Bool
        /// Whether the caller may edit and switch the rule.
        let editable: Bool
    }

    /// What the precision column means (shown on the page, returned by the API).
    static let precisionBasis =
        "精确率按本辖区已处理的预警计算：转为案件视为属实，复核排除视为误报，精确率 = 属实 ÷（属实 + 误报）。召回率需要标注的真值（哪些人确有问题），数据库中没有存储真值，故不显示；演示数据可用 fundwatch evaluate 对照模拟真值计算。"

    func rows(scope: RegionScope) async throws -> (rows: [RuleRow], versions: [RuleVersionView]) {
        let versions = try await database.ruleVersionViews(in: scope)
        let outcomes = try await database.ruleOutcomes(in: scope)
        let edited = Set(try await database.latestRuleSources().map { "\($0.ruleID)/\($0.version)" })
        var open = [String: Int]()
        var all = [String: Int]()
        for v in versions {
            open[v.ruleID, default: 0] += v.openFindings
            all[v.ruleID, default: 0] += v.findings
        }
        let rows = rules.rules.map { rule in
            let s = rule.spec
            let outcome = outcomes[s.id] ?? RuleOutcomeCounts()
            return RuleRow(
                id: s.id, title: s.title, category: s.category, scope: s.scope.rawValue, severity: s.severity.rawValue,
                severityLabel: s.severity.chinese, status: s.status.rawValue, version: s.version,
                enabled: rules.isEnabled(s.id), edited: edited.contains("\(s.id)/\(s.version)"),
                openFindings: open[s.id] ?? 0, findings: all[s.id] ?? 0, confirmed: outcome.confirmed,
                dismissed: outcome.dismissed, precision: outcome.precision,
                precisionText: outcome.precision.map { String(format: "%.1f%%", $0 * 100) } ?? "—")
        }.sorted { ($0.openFindings, $1.id) > ($1.openFindings, $0.id) }
        return (rows, versions)
    }

    /// Whether the caller may change the (national) library.
    static func mayEdit(_ identity: Identity) -> Bool {
        identity.user.role.editsRules && identity.scope.isNation && identity.hasScope("rules:write")
    }

    func ruleDetail(_ context: AppRequestContext, identity: Identity) async throws -> RuleDetail {
        guard let id = context.parameters.get("id"), let rule = rules.rule(id) else { throw AppError.notFound }
        let (rows, versions) = try await rows(scope: identity.scope)
        guard let row = rows.first(where: { $0.id == id }) else { throw AppError.notFound }
        let saved = Dictionary(
            try await database.ruleSources(ruleID: id).map { ($0.version, $0.savedBy) }, uniquingKeysWith: { a, _ in a })
        let events = try await database.adminEvents(in: RegionScope(code: RegionScope.nationCode)!, subjectPrefix: "rule/\(id)/")
        return RuleDetail(
            rule: row, yaml: rule.spec.source ?? "", basis: rule.spec.basis,
            versions: versions.filter { $0.ruleID == id }.reversed().map {
                VersionRow(
                    version: $0.version, status: $0.status, sha256: $0.sha256, firstSeenAt: $0.firstSeenAt,
                    ledgerIndex: $0.ledgerIndex, openFindings: $0.openFindings, findings: $0.findings,
                    savedBy: saved[$0.version])
            },
            events: events.map { AdminEventRow($0, action: Self.actionLabel($0.action)) },
            hasEvents: !events.isEmpty, editable: Self.mayEdit(identity))
    }

    static func actionLabel(_ action: String) -> String {
        switch action {
        case "rule.save": "保存新版本"
        case "rule.enable": "启用"
        case "rule.disable": "停用"
        default: action
        }
    }

    struct RuleList: Encodable {
        let rules: [RuleRow]
        let precisionBasis: String
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsRules)
        return JSONOutput.response(RuleList(rules: try await rows(scope: identity.scope).rows, precisionBasis: Self.precisionBasis))
    }

    func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsRules)
        return JSONOutput.response(try await ruleDetail(context, identity: identity))
    }

    struct ListView: Sendable {
        let rules: [RuleRow]
        let count: Int
        let disabledCount: Int
        let hasDisabled: Bool
        let precisionBasis: String
    }

    func listPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsRules)
        let rows = try await rows(scope: identity.scope).rows
        return pages.render(
            "rules", title: "规则库", identity: identity,
            page: ListView(
                rules: rows, count: rows.count, disabledCount: rows.filter { !$0.enabled }.count,
                hasDisabled: rows.contains { !$0.enabled }, precisionBasis: Self.precisionBasis))
    }

    func detailPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsRules)
        let detail = try await ruleDetail(context, identity: identity)
        return pages.render("rule", title: "规则 \(detail.rule.id)", identity: identity, page: detail)
    }
}

/// Instants as the admin pages show them: UTC, to the second.
enum WebTimeText {
    static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withSpaceBetweenDateAndTime]
        return f.string(from: date)
    }
}
