import Casework
import Collaboration
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import Storage

/// The case pages (案件): the list and each case's detail with a form for its next steps. They
/// read and write through the same store calls as the API.
extension CaseController {
    func addPageRoutes(to router: Router<AppRequestContext>) {
        router.get("/cases", use: listPage)
        router.get("/cases/:id", use: detailPage)
        router.post("/cases/:id/action", use: actFromForm)
        router.post("/cases/:id/measure", use: measureFromForm)
        router.post("/cases/from-alert", use: openFromAlertForm)
    }

    /// The alert page's 转为案件: opens a case from the alert (the alert moves to 已立案 through
    /// the same store call as the API) and shows the new case.
    func openFromAlertForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases, tokenScope: "cases:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        guard let alertID = form["alert_id"].flatMap({ Int64($0) }) else {
            throw AppError.badRequest("表单缺少预警编号，请从预警页面重新提交")
        }
        let actor = try identity.caseActor()
        guard actor.role != .leader else { throw AppError(.forbidden, code: "forbidden", "领导不承办案件，不能立案") }
        let stored = try await answeringRefusals {
            try await database.openCase(
                NewCase(alertIDs: [alertID]), by: actor, in: identity.scope, at: clock.now(), trail: trail, machine: machine)
        }
        return Response.redirect(to: "/cases/\(stored.id)", type: .normal)
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct ListRow: Sendable {
        let id: String
        let title: String
        let stateLabel: String
        let regionName: String
        let person: String
        let amountYuan: String
        let assignee: String
        let supervision: String
    }

    struct ListPage: Sendable {
        let cases: [ListRow]
        let count: Int
        let empty: Bool
        let states: [Option]
        let supervisedOnly: Bool
        let stats: StatsView
    }

    /// The casework figures above the list: recovery rate, open and overdue, case flow.
    struct StatsView: Sendable {
        struct Month: Sendable {
            let month: String
            let opened: Int
            let closed: Int
        }

        let owedYuan: String
        let recoveredYuan: String
        let recoveryRate: String
        let open: Int
        let overdueTasks: Int
        let overdueSupervised: Int
        let months: [Month]

        init(_ s: CaseStatistics) {
            owedYuan = s.owed.description
            recoveredYuan = s.recovered.description
            recoveryRate = s.owed.fen == 0 ? "—" : String(format: "%.1f%%", s.recoveryRate * 100)
            open = s.open
            overdueTasks = s.overdueTasks
            overdueSupervised = s.overdueSupervised
            months = s.months.map { Month(month: $0.month, opened: $0.opened, closed: $0.closed) }
        }
    }

    func listPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let q = request.uri.queryParameters
        var filter = CaseFilter()
        if let s = q.get("state"), !s.isEmpty { filter.state = CaseState(rawValue: s) }
        filter.supervisedOnly = q.get("supervised") == "true"
        let now = clock.now()
        let rows = try await database.cases(in: identity.scope, filter: filter).map { c in
            ListRow(
                id: c.id, title: c.title, stateLabel: c.state.chinese, regionName: RegionNames.name(c.regionCode),
                person: c.personIDNumber.map(IDNumber.mask) ?? "—", amountYuan: c.amountAtRisk.description,
                assignee: c.assignee ?? "未分派", supervision: Self.supervisionText(c, now: now) ?? "—")
        }
        let states = CaseState.allCases.map { Option(value: $0.rawValue, label: $0.chinese, selected: filter.state == $0) }
        return pages.render(
            "cases", title: "案件", identity: identity,
            page: ListPage(
                cases: rows, count: rows.count, empty: rows.isEmpty, states: states, supervisedOnly: filter.supervisedOnly,
                stats: StatsView(try await database.caseStatistics(in: identity.scope, at: now))))
    }

    struct DetailPage: Sendable {
        struct Task: Sendable {
            let title: String
            let assignee: String
            let due: String
            let done: String
        }

        struct Evidence: Sendable {
            let id: Int64
            let kind: String
            let title: String
            let sha: String
            let ledgerIndex: String
        }

        struct Event: Sendable {
            let at: String
            let actor: String
            let action: String
            let from: String
            let to: String
            let detail: String
            let ledgerIndex: String
        }

        let id: String
        let title: String
        let stateLabel: String
        let version: Int64
        let regionName: String
        let caseType: String
        let person: String
        let amountYuan: String
        let assignee: String
        let assignmentReason: String
        let decision: String?
        let supervision: String?
        let actions: [Option]
        let hasActions: Bool
        let tasks: [Task]
        let enforcement: CaseEnforcementSection
        /// 申诉 and 重新启动 get their own forms (the general one offers them too).
        let lodgesAppeal: Bool
        let reviewsAppeal: Bool
        let reopens: Bool
        let decidedBy: String
        let evidence: [Evidence]
        let history: [Event]
        let message: String?
        /// The verification requests sent for this case (协查), and the form's choices.
        let requests: [RequestLink]
        let sendsRequests: Bool
        let kinds: [Option]
        let departments: [Option]

        struct RequestLink: Sendable {
            let id: Int64
            let label: String
        }
    }

    func detailPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let stored = try await load(context, identity)
        return try await renderDetail(stored, identity: identity, message: nil, status: .ok)
    }

    func renderDetail(_ c: StoredCase, identity: Identity, message: String?, status: HTTPResponse.Status) async throws -> Response {
        let now = clock.now()
        var allowed = [String]()
        if let actor = try? identity.caseActor() {
            allowed = try await database.allowedCaseActions(id: c.id, by: actor, in: identity.scope, at: now, machine: machine)
        }
        let day = Self.dayFormatter()
        let minute = Self.minuteFormatter()
        let tasks = try await database.caseTasks(caseID: c.id, in: identity.scope).map {
            DetailPage.Task(
                title: $0.title, assignee: $0.assignee ?? "未分派", due: day.string(from: $0.due),
                done: $0.doneAt.map(day.string(from:)) ?? "未办结")
        }
        let enforcement = CaseEnforcementSection(
            try await database.caseMeasures(caseID: c.id, in: identity.scope), case: c, actor: try? identity.caseActor())
        let evidence = try await database.caseEvidence(caseID: c.id, in: identity.scope).map {
            DetailPage.Evidence(
                id: $0.id, kind: Self.evidenceKind($0.kind), title: $0.title, sha: $0.sha256,
                ledgerIndex: $0.ledgerIndex.map(String.init) ?? "—")
        }
        let history = try await database.caseEvents(caseID: c.id, in: identity.scope).map {
            DetailPage.Event(
                at: minute.string(from: $0.at), actor: $0.actor, action: Self.actionLabel($0.action),
                from: $0.fromState?.chinese ?? "—", to: $0.toState.chinese,
                detail: $0.detail.map(PersonalDataMasker.maskNumbers) ?? "", ledgerIndex: $0.ledgerIndex.map(String.init) ?? "—")
        }
        let actions = allowed.map { Option(value: $0, label: Self.actionLabel($0), selected: false) }
        let requests = try await database.verificationRequests(access: CollaborationAccess(scope: identity.scope), caseID: c.id)
            .map { DetailPage.RequestLink(id: $0.id, label: "\($0.department.chinese)\($0.kind.chinese)：\($0.state.chinese)") }
        let page = DetailPage(
            id: c.id, title: c.title, stateLabel: c.state.chinese, version: c.version, regionName: RegionNames.name(c.regionCode),
            caseType: c.caseType, person: c.personIDNumber.map(IDNumber.mask) ?? "—", amountYuan: c.amountAtRisk.description,
            assignee: c.assignee ?? "未分派", assignmentReason: c.assignmentReason ?? "",
            decision: c.outcome.map { "\($0.chinese)（\(c.decidedBy ?? "")）" }, supervision: Self.supervisionText(c, now: now),
            actions: actions, hasActions: !actions.isEmpty, tasks: tasks, enforcement: enforcement,
            lodgesAppeal: allowed.contains("lodge_appeal"), reviewsAppeal: allowed.contains("review_appeal"),
            reopens: allowed.contains("reopen"), decidedBy: c.decidedBy ?? "",
            evidence: evidence, history: history, message: message, requests: requests,
            sendsRequests: identity.user.role.worksAlerts && c.personIDNumber != nil && !c.state.isFinished,
            kinds: VerificationKind.allCases.map { Option(value: $0.rawValue, label: $0.chinese, selected: false) },
            departments: Department.allCases.map { Option(value: $0.rawValue, label: $0.chinese, selected: false) })
        return pages.render("case", title: "案件 \(c.id)", identity: identity, page: page, status: status)
    }

    func actFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases, tokenScope: "cases:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let stored = try await load(context, identity)
        do {
            let actor = try identity.caseActor()
            guard let expected = form["expected_version"].flatMap({ Int64($0) }) else {
                throw AppError.badRequest("表单缺少案件版本，请刷新页面后重试")
            }
            let deadline = form["deadline"].flatMap { $0.isEmpty ? nil : $0 + "T00:00:00+08:00" }
            let input = CaseInputs.Transition(
                action: form["action"] ?? "", expected_version: expected, reason: form["reason"], summary: form["reason"],
                outcome: form["outcome"], upheld: form["upheld"].map { $0 == "true" }, deadline: deadline)
            let action = try CaseInputs.action(input)
            _ = try await database.actOnCase(
                id: stored.id, action, expectedVersion: expected, by: actor, in: identity.scope, at: clock.now(), trail: trail,
                machine: machine)
            return Response.redirect(to: "/cases/\(stored.id)", type: .normal)
        } catch let refusal as CaseRefusal where refusal.code != .notFound {
            // Show the refusal on the case's own page, so the person can correct the form.
            let current = try await load(context, identity)
            return try await renderDetail(current, identity: identity, message: refusal.reason, status: AppError.from(refusal).status)
        } catch let error as AppError where error.status == .badRequest {
            return try await renderDetail(stored, identity: identity, message: error.message, status: .badRequest)
        }
    }

    static func supervisionText(_ c: StoredCase, now: Date) -> String? {
        guard let s = c.supervision else { return nil }
        let deadline = dayFormatter().string(from: s.deadline)
        let state = s.signedOffBy.map { "已由 \($0) 签批" } ?? (c.isSupervisionOverdue(at: now) ? "已超期" : "办理中")
        return "\(RegionNames.name(s.regionCode))督办，期限 \(deadline)，\(state)"
    }

    static func actionLabel(_ action: String) -> String {
        switch action {
        case "open": "立案登记"
        case "start_verification": "开始核查"
        case "dismiss": "不予立案"
        case "file_case": "批准立案调查"
        case "decide": "作出处理决定"
        case "start_enforcement": "启动执行"
        case "lodge_appeal": "登记申诉"
        case "review_appeal": "复核申诉"
        case "supervise": "设定督办"
        case "sign_off": "督办签批"
        case "close": "结案"
        case "reopen": "重新启动"
        case "complete_task": "办结任务"
        case "add_evidence": "添加证据"
        case "start_recovery": "启动追回"
        case "record_payment": "登记到账"
        case "propose_write_off": "申请核销"
        case "write_off": "批准核销"
        case "decline_write_off": "驳回核销申请"
        case "order_freeze": "发出冻结通知"
        case "blacklist": "列入黑名单"
        case "lift_blacklist": "移出黑名单"
        case "send_referral": "移送司法"
        case "referral_received": "登记移送接收"
        case "referral_feedback": "登记移送反馈"
        case "task_reminder": "到期提醒"
        case "task_escalation": "超期督促"
        default: action.hasPrefix("freeze_") ? "冻结进展" : action
        }
    }

    static func evidenceKind(_ kind: EvidenceItem.Kind) -> String {
        switch kind {
        case .file: "文件"
        case .note: "说明"
        case .record: "源记录"
        }
    }

    static func dayFormatter() -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        f.dateFormat = "yyyy-MM-dd"
        return f
    }

    static func minuteFormatter() -> DateFormatter {
        let f = dayFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }
}
