import AuditRules
import HTTPTypes
import Foundation
import Hummingbird
import Storage
import FundWatchCore

/// The alert queue (预警) and each alert's detail and actions, as pages and as API.
struct AlertController: Sendable {
    let database: FundWatchDatabase
    let trail: AuditTrail
    let presenter: Presenter
    let pages: PageRenderer
    let clock: WebClock

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/alerts", use: queuePage)
        router.get("/alerts/:id", use: detailPage)
        router.post("/alerts/:id/action", use: actFromForm)
        api.get("/alerts", use: list)
        api.get("/alerts/:id", use: detail)
        api.post("/alerts/:id/actions", use: actFromJSON)
    }

    // MARK: Queries

    /// The queue filter from the query string; a region outside the caller's scope is refused.
    func filter(_ request: Request, identity: Identity) throws -> AlertFilter {
        let q = request.uri.queryParameters
        var filter = AlertFilter()
        if let s = q.get("severity"), !s.isEmpty {
            guard ["red", "orange", "yellow"].contains(s) else { throw AppError.badRequest("severity 只能是 red、orange 或 yellow") }
            filter.severity = s
        }
        if let r = q.get("region"), !r.isEmpty {
            guard let sub = RegionScope(code: r), sub.prefix.hasPrefix(identity.scope.prefix) else {
                throw AppError.notFound
            }
            filter.regionCode = r
        }
        if let rule = q.get("rule"), !rule.isEmpty { filter.ruleID = rule }
        if let s = q.get("status"), !s.isEmpty {
            guard let status = AlertStatus(rawValue: s) else { throw AppError.badRequest("未知的预警状态 \(s)") }
            filter.status = status
        }
        if let limit = q.get("limit", as: Int.self) { filter.limit = limit }
        if let offset = q.get("offset", as: Int.self) { filter.offset = offset }
        return filter
    }

    func loadAlert(_ context: AppRequestContext, identity: Identity) async throws -> Alert {
        guard let id = context.parameters.get("id", as: Int64.self),
            let alert = try await database.alert(id: id, in: identity.scope)
        else { throw AppError.notFound }
        return alert
    }

    // MARK: API

    struct AlertList: Encodable {
        let alerts: [AlertView]
        let count: Int
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let alerts = try await queue(in: identity.scope, filter: try filter(request, identity: identity), request)
        let views = try await presenter.alerts(alerts, for: identity)
        return JSONOutput.response(AlertList(alerts: views, count: views.count))
    }

    struct AlertDetail: Encodable {
        let alert: AlertView
        let history: [AlertEvent]
        let basis: [String]
    }

    func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let alert = try await loadAlert(context, identity: identity)
        let view = try await presenter.alerts([alert], for: identity)[0]
        return JSONOutput.response(
            AlertDetail(
                alert: view, history: try await database.alertEvents(alertID: alert.id),
                basis: presenter.rules.rule(alert.finding.ruleID)?.spec.basis ?? []))
    }

    struct ActionInput: Decodable {
        let action: String
        let assignee: String?
        let reason: String?
    }

    func actFromJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "alerts:write")
        try CSRF.check(identity, request: request, form: nil)
        let input: ActionInput
        do {
            input = try await request.decode(as: ActionInput.self, context: context)
        } catch {
            throw AppError.badRequest("请求体须为 JSON：{\"action\": …, \"assignee\": …, \"reason\": …}")
        }
        let alert = try await act(
            context: context, identity: identity, action: input.action, assignee: input.assignee, reason: input.reason)
        return JSONOutput.response(try await presenter.alerts([alert], for: identity)[0])
    }

    func act(
        context: AppRequestContext, identity: Identity, action name: String, assignee: String?, reason: String?
    ) async throws -> Alert {
        let alert = try await loadAlert(context, identity: identity)
        let action: AlertAction
        switch name {
        case "acknowledge": action = .acknowledge
        case "assign": action = .assign(to: assignee ?? "")
        case "dismiss": action = .dismiss(reason: reason ?? "")
        case "confirm_dismissal": action = .confirmDismissal
        case "reject_dismissal": action = .rejectDismissal(reason: reason ?? "")
        case "open_case": action = .openCase
        default:
            throw AppError.badRequest(
                "未知的操作 \(name)：可用 acknowledge、assign、dismiss、confirm_dismissal、reject_dismissal、open_case")
        }
        return try await database.act(
            on: alert.id, action, by: AlertWorkflow.Actor(name: identity.user.actor, role: identity.user.role),
            in: identity.scope, at: clock.now(), trail: trail)
    }

    // MARK: Pages

    struct QueueView: Sendable {
        struct Option: Sendable {
            let value: String
            let label: String
            let selected: Bool
        }

        let alerts: [AlertView]
        let count: Int
        let severities: [Option]
        let statuses: [Option]
        let regions: [Option]
        let rule: String
        /// The queue is in order of combined risk (`sort=risk`).
        let sortRisk: Bool
        let empty: Bool
    }

    func queuePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let filter = try filter(request, identity: identity)
        let alerts = try await queue(in: identity.scope, filter: filter, request)
        let views = try await presenter.alerts(alerts, for: identity)
        let severities = [("red", "红色"), ("orange", "橙色"), ("yellow", "黄色")].map {
            QueueView.Option(value: $0.0, label: $0.1, selected: filter.severity == $0.0)
        }
        let statuses = AlertStatus.allCases.map {
            QueueView.Option(value: $0.rawValue, label: $0.chinese, selected: filter.status == $0)
        }
        let childRegions =
            identity.scope.isNation
            ? RegionCatalog.shared.children(of: nil) : RegionCatalog.shared.children(of: identity.scope.code)
        let regions = childRegions.map {
            QueueView.Option(value: $0.code, label: $0.name, selected: filter.regionCode == $0.code)
        }
        return pages.render(
            "alerts", title: "预警", identity: identity,
            page: QueueView(
                alerts: views, count: views.count, severities: severities, statuses: statuses, regions: regions,
                rule: filter.ruleID ?? "", sortRisk: request.uri.queryParameters.get("sort") == "risk", empty: views.isEmpty))
    }

    struct DetailView: Sendable {
        struct Event: Sendable {
            let at: String
            let actor: String
            let action: String
            let from: String
            let to: String
            let reason: String?
            let assignee: String?
            let ledgerIndex: String
        }

        let alert: AlertView
        let history: [Event]
        let basis: [String]
        let hasBasis: Bool
        let hasHistory: Bool
        let message: String?
    }

    func detailPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let alert = try await loadAlert(context, identity: identity)
        return try await renderDetail(alert, identity: identity, message: nil, status: .ok)
    }

    func renderDetail(_ alert: Alert, identity: Identity, message: String?, status: HTTPResponse.Status) async throws -> Response {
        let view = try await presenter.alerts([alert], for: identity)[0]
        let formatter = ISO8601DateFormatter()
        let history = try await database.alertEvents(alertID: alert.id).map {
            DetailView.Event(
                at: formatter.string(from: $0.at), actor: $0.actor, action: Self.actionLabel($0.action),
                from: $0.fromStatus.chinese, to: $0.toStatus.chinese, reason: $0.reason, assignee: $0.assignee,
                ledgerIndex: $0.ledgerIndex.map(String.init) ?? "—")
        }
        let basis = presenter.rules.rule(alert.finding.ruleID)?.spec.basis ?? []
        return pages.render(
            "alert", title: "预警 #\(alert.id)", identity: identity,
            page: DetailView(
                alert: view, history: history, basis: basis, hasBasis: !basis.isEmpty,
                hasHistory: !history.isEmpty, message: message),
            status: status)
    }

    func actFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "alerts:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        do {
            let alert = try await act(
                context: context, identity: identity, action: form["action"] ?? "", assignee: form["assignee"],
                reason: form["reason"])
            return Response.redirect(to: "/alerts/\(alert.id)", type: .normal)
        } catch let error as WebStoreError where error.code != .notFound {
            // Show the refusal on the alert's own page, so the person can correct the form.
            let alert = try await loadAlert(context, identity: identity)
            return try await renderDetail(alert, identity: identity, message: error.message, status: AppError.from(error).status)
        }
    }

    static func actionLabel(_ action: String) -> String {
        switch action {
        case "acknowledge": "确认"
        case "assign": "分派"
        case "dismiss": "排除"
        case "confirm_dismissal": "复核确认排除"
        case "reject_dismissal": "退回排除申请"
        case "open_case": "立案"
        default: action
        }
    }
}
