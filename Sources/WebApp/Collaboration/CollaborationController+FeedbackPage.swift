import Collaboration
import Foundation
import FundWatchCore
import Hummingbird
import Storage

/// The feedback page (反馈与整改): each rule's confirmed precision from the decided cases, the
/// process suggestions of the cause analysis, and the rectification tasks made from them with
/// their next steps. Same calls and checks as the API.
extension CollaborationController {
    struct PrecisionRow: Sendable {
        let ruleID: String
        let decided: Int
        let confirmedFraud: Int
        let error: Int
        let noIssue: Int
        let precision: String
        let amountYuan: String
    }

    struct SuggestionRow: Sendable {
        let key: String
        let pattern: String
        let region: String
        let observation: String
        let suggestion: String
        let cases: String
    }

    struct RectificationRow: Sendable {
        let id: Int64
        let title: String
        let region: String
        let owner: String
        let deadline: String
        let state: String
        let overdue: Bool
        let report: String?
        let version: Int
        let actions: [Option]
        let hasActions: Bool
    }

    struct FeedbackPage: Sendable {
        let from: String
        let to: String
        let totalCases: Int
        let confirmedYuan: String
        let precision: [PrecisionRow]
        let noPrecision: Bool
        let suggestions: [SuggestionRow]
        let noSuggestions: Bool
        let createsTasks: Bool
        let defaultDeadline: String
        let rectifications: [RectificationRow]
        let noRectifications: Bool
    }

    func feedbackPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let (from, to) = try period(request)
        let report = try await analysis(identity: identity, from: from, to: to)
        let today = clock.today()
        let precision = report.precision.map {
            PrecisionRow(
                ruleID: $0.ruleID, decided: $0.decided, confirmedFraud: $0.confirmedFraud, error: $0.error, noIssue: $0.noIssue,
                precision: String(format: "%.1f%%", $0.precision * 100), amountYuan: Money(fen: $0.confirmedAmountFen).description)
        }
        let suggestions = report.suggestions.map {
            SuggestionRow(
                key: $0.key, pattern: $0.pattern.chinese, region: RegionNames.name($0.regionCode), observation: $0.observation,
                suggestion: $0.suggestion, cases: $0.caseIDs.joined(separator: "、"))
        }
        let tasks = try await database.rectifications(in: identity.scope).map { t in
            var actions = [Option]()
            switch t.state {
            case .open: actions = [Option(value: "start", label: "开始整改"), Option(value: "submit", label: "提交整改报告")]
            case .inProgress: actions = [Option(value: "submit", label: "提交整改报告")]
            case .submitted where identity.user.role.confirmsDismissals:
                actions = [Option(value: "verify", label: "验收通过"), Option(value: "reject", label: "退回重改")]
            default: break
            }
            if !identity.user.role.worksAlerts { actions = [] }
            return RectificationRow(
                id: t.id, title: t.title, region: RegionNames.name(t.regionCode), owner: t.owner, deadline: t.deadline.description,
                state: t.state.chinese, overdue: t.isOverdue(on: today), report: t.report, version: t.version, actions: actions,
                hasActions: !actions.isEmpty)
        }
        let page = FeedbackPage(
            from: from.description, to: to.description, totalCases: report.totalCases,
            confirmedYuan: Money(fen: report.confirmedAmountFen).description, precision: precision, noPrecision: precision.isEmpty,
            suggestions: suggestions, noSuggestions: suggestions.isEmpty, createsTasks: identity.user.role == .supervisor,
            defaultDeadline: today.adding(months: 3).description, rectifications: tasks, noRectifications: tasks.isEmpty)
        return pages.render("collaboration-feedback", title: "反馈与整改", identity: identity, page: page)
    }

    func createRectificationFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require({ $0 == .supervisor }, tokenScope: "outcomes:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        func date(_ name: String, _ label: String) throws -> CivilDate {
            guard let d = CivilDate(form[name] ?? "") else { throw AppError.badRequest("\(label)须为 YYYY-MM-DD 日期") }
            return d
        }
        let from = try date("from", "分析起始日")
        let to = try date("to", "分析截止日")
        let deadline = try date("deadline", "整改期限")
        let key = form["suggestion_key"] ?? ""
        let report = try await analysis(identity: identity, from: from, to: to)
        guard let suggestion = report.suggestions.first(where: { $0.key == key }) else {
            throw AppError(.unprocessableContent, code: "unknown_suggestion", "\(from) 至 \(to) 的分析报告中没有这条建议：请刷新页面后重试")
        }
        let owner = (form["owner"] ?? "").trimmingCharacters(in: .whitespaces)
        _ = try await collaborationStep {
            let task = try Rectification.from(
                suggestion, owner: owner, deadline: deadline, title: nil, by: identity.user.actor, at: clock.now(),
                today: clock.today())
            return try await database.createRectification(task, scope: identity.scope, at: clock.now(), trail: trail)
        }
        return Response.redirect(to: "/collaboration/feedback", type: .normal)
    }

    func actOnRectificationFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "outcomes:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let taskID = try id(context)
        let text = form["text"] ?? ""
        let event: RectificationWorkflow.Event
        switch form["action"] {
        case "start": event = .start
        case "submit": event = .submit(report: text)
        case "verify", "reject":
            guard identity.user.role.confirmsDismissals else {
                throw AppError(.forbidden, code: "forbidden", "只有复核员或科长可以验收整改")
            }
            event = form["action"] == "verify" ? .verify(note: text.isEmpty ? nil : text) : .reject(reason: text)
        default: throw AppError.badRequest("未知的操作：请选择开始、提交、验收或退回")
        }
        _ = try await collaborationStep {
            try await database.applyRectification(
                event, toTask: taskID, by: identity.user.actor, scope: identity.scope,
                expectedVersion: form["expected_version"].flatMap { Int($0) }, at: clock.now(), trail: trail)
        }
        return Response.redirect(to: "/collaboration/feedback", type: .normal)
    }
}
