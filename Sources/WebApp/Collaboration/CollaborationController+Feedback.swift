import Collaboration
import Foundation
import FundWatchCore
import Hummingbird
import Storage

extension CollaborationController {
    /// The period of a report from `?from=YYYY-MM-DD&to=YYYY-MM-DD` (default: the last 12 months).
    func period(_ request: Request) throws -> (CivilDate, CivilDate) {
        let q = request.uri.queryParameters
        let today = clock.today()
        func date(_ name: String, _ fallback: CivilDate) throws -> CivilDate {
            guard let text = q.get(name), !text.isEmpty else { return fallback }
            guard let d = CivilDate(text) else { throw AppError.badRequest("\(name) 须为 YYYY-MM-DD 格式的日期，收到 \(text)") }
            return d
        }
        let to = try date("to", today)
        let from = try date("from", to.adding(months: -12).adding(days: 1))
        guard from <= to else { throw AppError.badRequest("from（\(from)）晚于 to（\(to)）") }
        return (from, to)
    }

    struct OutcomeList: Encodable {
        let outcomes: [CaseOutcome]
        let count: Int
    }

    func listOutcomes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let (from, to) = try period(request)
        let outcomes = try await database.outcomes(in: identity.scope, from: from, to: to)
        return JSONOutput.response(OutcomeList(outcomes: outcomes, count: outcomes.count))
    }

    /// Records a decided case's outcome (the case module calls this when a case is decided).
    func recordOutcome(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "outcomes:write")
        try CSRF.check(identity, request: request, form: nil)
        let outcome = try await CollaborationBody.decode(
            CaseOutcome.self, from: request, context: context,
            example: #"{"case_id": "C-1", "rule_id": "pension_after_death", "region_code": "370102", "verdict": "confirmed_fraud", "decided_on": "2026-09-01", "amount_fen": 300000, "registration_delay_days": 75}"#)
        return try await collaborationStep {
            let created = try await database.recordOutcome(
                outcome, by: identity.user.actor, scope: identity.scope, at: clock.now(), trail: trail, catalog: regions)
            return JSONOutput.response(outcome, status: created ? .created : .ok)
        }
    }

    /// The cause-analysis report of the caller's subtree for a period.
    func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let (from, to) = try period(request)
        return JSONOutput.response(try await analysis(identity: identity, from: from, to: to))
    }

    func analysis(identity: Identity, from: CivilDate, to: CivilDate) async throws -> CauseAnalysis {
        let outcomes = try await database.outcomes(in: identity.scope, from: from, to: to)
        let root = identity.scope.isNation ? RegionScope.nationCode : identity.scope.code
        return CauseAnalysis.report(outcomes: outcomes, from: from, to: to, scopeRegion: root, catalog: regions)
    }

    struct RectificationList: Encodable {
        struct Item: Encodable {
            let task: Rectification
            let stateLabel: String
            let overdue: Bool
        }

        let rectifications: [Item]
        let count: Int
    }

    func listRectifications(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let today = clock.today()
        let tasks = try await database.rectifications(in: identity.scope)
        return JSONOutput.response(
            RectificationList(
                rectifications: tasks.map { .init(task: $0, stateLabel: $0.state.chinese, overdue: $0.isOverdue(on: today)) },
                count: tasks.count))
    }

    struct CreateRectificationInput: Decodable {
        let suggestionKey: String
        let from: CivilDate
        let to: CivilDate
        let owner: String
        let deadline: CivilDate
        let title: String?
    }

    /// Turns a suggestion of the caller's report into a rectification task. The suggestion is
    /// found again in the report recomputed for the same period, so only real ones become tasks.
    func createRectification(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require({ $0 == .supervisor }, tokenScope: "outcomes:write")
        try CSRF.check(identity, request: request, form: nil)
        let input = try await CollaborationBody.decode(
            CreateRectificationInput.self, from: request, context: context,
            example: #"{"suggestion_key": "late_death_registration:370102", "from": "2026-01-01", "to": "2026-06-30", "owner": "user/…", "deadline": "2026-12-31"}"#)
        let report = try await analysis(identity: identity, from: input.from, to: input.to)
        guard let suggestion = report.suggestions.first(where: { $0.key == input.suggestionKey }) else {
            throw AppError(
                .unprocessableContent, code: "unknown_suggestion",
                "\(input.from) 至 \(input.to) 的分析报告中没有建议 \(input.suggestionKey)：请先查看报告（/api/v1/feedback/report）")
        }
        return try await collaborationStep {
            let task = try Rectification.from(
                suggestion, owner: input.owner, deadline: input.deadline, title: input.title, by: identity.user.actor,
                at: clock.now(), today: clock.today())
            let stored = try await database.createRectification(task, scope: identity.scope, at: clock.now(), trail: trail)
            return JSONOutput.response(stored, status: .created)
        }
    }

    struct RectificationActionInput: Decodable {
        let action: String
        let report: String?
        let note: String?
        let reason: String?
        let expectedVersion: Int?
    }

    /// The owner's `start` and `submit`; a reviewer's or supervisor's `verify` and `reject`.
    func actOnRectification(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "outcomes:write")
        try CSRF.check(identity, request: request, form: nil)
        let taskID = try id(context)
        let input = try await CollaborationBody.decode(
            RectificationActionInput.self, from: request, context: context,
            example: #"{"action": "submit", "report": "…"}"#)
        let event: RectificationWorkflow.Event
        switch input.action {
        case "start": event = .start
        case "submit": event = .submit(report: input.report ?? "")
        case "verify", "reject":
            guard identity.user.role.confirmsDismissals else {
                throw AppError(.forbidden, code: "forbidden", "只有复核员或科长可以验收整改")
            }
            event = input.action == "verify" ? .verify(note: input.note) : .reject(reason: input.reason ?? input.note ?? "")
        default: throw AppError.badRequest("未知的操作 \(input.action)：可用 start、submit、verify、reject")
        }
        return try await collaborationStep {
            let task = try await database.applyRectification(
                event, toTask: taskID, by: identity.user.actor, scope: identity.scope,
                expectedVersion: input.expectedVersion, at: clock.now(), trail: trail)
            return JSONOutput.response(task)
        }
    }
}
