import Casework
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import NIOCore
import Storage

/// Cases (案件) as JSON API: list and detail within the caller's region, opening from alerts or
/// by hand, workflow steps with optimistic locking (a stale `expected_version` answers 409),
/// tasks and their reminders, enforcement measures (recovery payments, freezes, blacklist,
/// judicial referral) and the evidence chain (file uploads checked by size and content).
struct CaseController: Sendable {
    let database: FundWatchDatabase
    let trail: AuditTrail
    let clock: WebClock
    let files: any EvidenceFileStore
    let pages: PageRenderer
    var policy = EvidencePolicy()
    var machine = CaseStateMachine()
    /// The rule library, for the policy clauses (`basis`) that documents and evidence packs cite.
    var rules: RuleLibrary?
    /// Prints documents to PDF where headless Chromium is installed.
    var printer: (any DocumentPrinter)?

    /// The header that names an uploaded file (percent-encoded UTF-8).
    static let fileNameHeader = HTTPField.Name("X-File-Name")!

    func addRoutes(api: RouterGroup<AppRequestContext>) {
        api.get("/cases", use: list)
        api.post("/cases", use: open)
        api.get("/cases/notices", use: notices)
        api.get("/cases/stats", use: statistics)
        api.get("/cases/:id", use: detail)
        api.post("/cases/:id/transitions", use: transition)
        api.get("/cases/:id/tasks", use: tasks)
        api.post("/cases/:id/tasks/:task/complete", use: completeTask)
        api.post("/cases/:id/measures", use: measure)
        api.post("/cases/:id/recoveries/:recovery/payments", use: recoveryPayment)
        api.get("/cases/:id/evidence", use: evidence)
        api.post("/cases/:id/evidence", use: upload)
        api.get("/cases/:id/evidence/:item/file", use: download)
        api.post("/cases/:id/notes", use: note)
        api.post("/cases/:id/records", use: linkRecord)
    }

    // MARK: Reading

    struct CaseList: Encodable {
        let cases: [CaseView]
        let count: Int
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let q = request.uri.queryParameters
        var filter = CaseFilter()
        if let s = q.get("state"), !s.isEmpty {
            guard let state = CaseState(rawValue: s) else {
                throw AppError.badRequest("未知的案件状态 \(s)：可用 \(CaseState.allCases.map(\.rawValue).joined(separator: "、"))")
            }
            filter.state = state
        }
        if let a = q.get("assignee"), !a.isEmpty { filter.assignee = a }
        filter.supervisedOnly = q.get("supervised") == "true"
        if let limit = q.get("limit", as: Int.self) { filter.limit = limit }
        if let offset = q.get("offset", as: Int.self) { filter.offset = offset }
        let now = clock.now()
        let cases = try await database.cases(in: identity.scope, filter: filter).map { CaseView($0, now: now) }
        return JSONOutput.response(CaseList(cases: cases, count: cases.count))
    }

    struct CaseDetail: Encodable {
        let `case`: CaseView
        let allowedActions: [String]
        let history: [CaseEventView]
        let tasks: [CaseTaskView]
        let measures: MeasuresView
        let evidence: [EvidenceView]
    }

    func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let stored = try await load(context, identity)
        return try await answeringRefusals {
            var allowed = [String]()
            if let actor = try? identity.caseActor() {
                allowed = try await database.allowedCaseActions(
                    id: stored.id, by: actor, in: identity.scope, at: clock.now(), machine: machine)
            }
            return JSONOutput.response(
                CaseDetail(
                    case: CaseView(stored, now: clock.now()), allowedActions: allowed,
                    history: try await database.caseEvents(caseID: stored.id, in: identity.scope).map(CaseEventView.init),
                    tasks: try await database.caseTasks(caseID: stored.id, in: identity.scope).map(CaseTaskView.init),
                    measures: MeasuresView(try await database.caseMeasures(caseID: stored.id, in: identity.scope)),
                    evidence: try await database.caseEvidence(caseID: stored.id, in: identity.scope).map(EvidenceView.init)))
        }
    }

    func tasks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let stored = try await load(context, identity)
        let tasks = try await answeringRefusals { try await database.caseTasks(caseID: stored.id, in: identity.scope) }
        return JSONOutput.response(["tasks": tasks.map(CaseTaskView.init)])
    }

    struct NoticeView: Encodable {
        let kind: String
        let caseId: String
        let taskId: Int64
        let title: String
        let assignee: String?
        let due: Date
        let message: String
    }

    /// Reminders (due within three days) and escalations (overdue) for the caller's region.
    func notices(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let tasks = try await database.openCaseTasks(in: identity.scope)
        let notices = TaskMonitor().notices(for: tasks, at: clock.now()).map {
            NoticeView(
                kind: $0.kind.rawValue, caseId: $0.task.caseID, taskId: $0.task.id, title: $0.task.title,
                assignee: $0.task.assignee, due: $0.task.due, message: $0.message)
        }
        return JSONOutput.response(["notices": notices])
    }

    /// Recovery rate, open and overdue cases, and case flow per month in the caller's region.
    func statistics(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let months = request.uri.queryParameters.get("months", as: Int.self) ?? 6
        guard (1...36).contains(months) else { throw AppError.badRequest("months 须为 1 到 36 之间的整数") }
        let stats = try await database.caseStatistics(in: identity.scope, at: clock.now(), months: months)
        struct Body: Encodable {
            let stats: CaseStatistics
            let recoveryRate: Double
        }
        return JSONOutput.response(Body(stats: stats, recoveryRate: stats.recoveryRate))
    }

    func evidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let stored = try await load(context, identity)
        let items = try await answeringRefusals { try await database.caseEvidence(caseID: stored.id, in: identity.scope) }
        return JSONOutput.response(["evidence": items.map(EvidenceView.init)])
    }

    func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let stored = try await load(context, identity)
        guard let itemID = context.parameters.get("item", as: Int64.self) else { throw AppError.notFound }
        let (item, bytes) = try await answeringRefusals {
            try await database.evidenceFile(caseID: stored.id, itemID: itemID, files: files, in: identity.scope)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: item.fileType?.mediaType ?? "application/octet-stream",
                .contentDisposition: "attachment; filename=\"evidence-\(item.id)\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: Writing

    func open(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, actor) = try writer(request, context)
        let input = try await decode(CaseInputs.Open.self, request, context, example: "{\"alert_ids\": [12]}")
        let new = NewCase(
            alertIDs: input.alert_ids ?? [], regionCode: input.region_code, caseType: input.case_type, title: input.title,
            personIDNumber: input.person_id_number, institutionID: input.institution_id,
            amountAtRisk: input.amount_at_risk.map { Money(fen: $0) })
        guard !new.alertIDs.isEmpty || new.regionCode != nil else {
            throw AppError.badRequest("请给出 alert_ids（从预警立案），或 region_code 与 case_type（手工立案）")
        }
        guard actor.role != .leader else { throw AppError(.forbidden, code: "forbidden", "领导不承办案件，不能立案") }
        let stored = try await answeringRefusals {
            try await database.openCase(new, by: actor, in: identity.scope, at: clock.now(), trail: trail, machine: machine)
        }
        return JSONOutput.response(CaseView(stored, now: clock.now()), status: .created)
    }

    func transition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, actor) = try writer(request, context)
        let stored = try await load(context, identity)
        let input = try await decode(
            CaseInputs.Transition.self, request, context, example: "{\"action\": \"file_case\", \"expected_version\": 2}")
        guard let expected = input.expected_version else {
            throw AppError.badRequest("请给出 expected_version（您读到的案件版本），以免覆盖他人的修改")
        }
        let action = try CaseInputs.action(input)
        let updated = try await answeringRefusals {
            try await database.actOnCase(
                id: stored.id, action, expectedVersion: expected, by: actor, in: identity.scope, at: clock.now(), trail: trail,
                machine: machine)
        }
        return JSONOutput.response(CaseView(updated, now: clock.now()))
    }

    func completeTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, actor) = try writer(request, context)
        let stored = try await load(context, identity)
        guard let taskID = context.parameters.get("task", as: Int64.self) else { throw AppError.notFound }
        let task = try await answeringRefusals {
            try await database.completeCaseTask(caseID: stored.id, taskID: taskID, by: actor, in: identity.scope, at: clock.now(), trail: trail)
        }
        return JSONOutput.response(CaseTaskView(task))
    }

    struct MeasureResult: Encodable {
        let measureId: Int64
        let measures: MeasuresView
        let version: Int64
    }

    func measure(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, actor) = try writer(request, context)
        let stored = try await load(context, identity)
        let input = try await decode(
            CaseInputs.Measure.self, request, context, example: "{\"command\": \"start_recovery\", \"owed\": 300000}")
        return try await applyMeasure(try CaseInputs.command(input), expected: input.expected_version, stored, identity, actor)
    }

    func recoveryPayment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, actor) = try writer(request, context)
        let stored = try await load(context, identity)
        guard let recovery = context.parameters.get("recovery", as: Int64.self) else { throw AppError.notFound }
        let input = try await decode(
            CaseInputs.Payment.self, request, context, example: "{\"amount\": 100000, \"received_on\": \"2026-10-01\"}")
        guard let date = CivilDate(input.received_on) else { throw AppError.badRequest("received_on 须为 YYYY-MM-DD 日期") }
        return try await applyMeasure(
            .recordPayment(recoveryID: recovery, amount: Money(fen: input.amount), receivedOn: date), expected: input.expected_version,
            stored, identity, actor, status: .created)
    }

    func applyMeasure(
        _ command: MeasureCommand, expected: Int64?, _ stored: StoredCase, _ identity: Identity, _ actor: CaseActor,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await answeringRefusals {
            let id = try await database.applyMeasure(
                command, caseID: stored.id, expectedVersion: expected, by: actor, in: identity.scope, at: clock.now(), trail: trail)
            let measures = try await database.caseMeasures(caseID: stored.id, in: identity.scope)
            let version = try await database.storedCase(id: stored.id, in: identity.scope)?.version ?? stored.version
            return JSONOutput.response(MeasureResult(measureId: id, measures: MeasuresView(measures), version: version), status: status)
        }
    }

    /// A file as the raw request body: its name in `X-File-Name`. Refused with 413 above the
    /// size limit and 415 when its content is not an allowed type, whatever its declared type.
    func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, actor) = try writer(request, context)
        let stored = try await load(context, identity)
        let name = request.headers[Self.fileNameHeader].map { $0.removingPercentEncoding ?? $0 } ?? "upload"
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: policy.maxBytes)
        } catch {
            throw AppError.from(
                CaseRefusal(.evidenceTooLarge, "文件“\(name)”超过上限 \(policy.maxBytes) 字节；请压缩或拆分后再上传"))
        }
        let item = try await answeringRefusals {
            try await database.addEvidenceFile(
                caseID: stored.id, bytes: Array(buffer.readableBytesView), name: name, policy: policy, files: files, by: actor,
                in: identity.scope, at: clock.now(), trail: trail)
        }
        return JSONOutput.response(EvidenceView(item), status: .created)
    }

    func note(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, actor) = try writer(request, context)
        let stored = try await load(context, identity)
        let input = try await decode(CaseInputs.Note.self, request, context, example: "{\"title\": \"走访记录\", \"text\": \"…\"}")
        let item = try await answeringRefusals {
            try await database.addEvidenceNote(
                caseID: stored.id, title: input.title ?? "", text: input.text, by: actor, in: identity.scope, at: clock.now(),
                trail: trail)
        }
        return JSONOutput.response(EvidenceView(item), status: .created)
    }

    func linkRecord(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, actor) = try writer(request, context)
        let stored = try await load(context, identity)
        let input = try await decode(
            CaseInputs.RecordLink.self, request, context, example: "{\"record_type\": \"death_record\", \"row_id\": 42}")
        let item = try await answeringRefusals {
            try await database.linkEvidenceRecord(
                caseID: stored.id, recordType: input.record_type, rowID: input.row_id, by: actor, in: identity.scope,
                at: clock.now(), trail: trail)
        }
        return JSONOutput.response(EvidenceView(item), status: .created)
    }

    // MARK: Helpers

    /// The caller of a state-changing request: a case role, the `cases:write` token scope, and
    /// the session's CSRF token.
    func writer(_ request: Request, _ context: AppRequestContext) throws -> (Identity, CaseActor) {
        let identity = try context.require(\.readsCases, tokenScope: "cases:write")
        try CSRF.check(identity, request: request, form: nil)
        return (identity, try identity.caseActor())
    }

    /// The case named in the path, or 404 when it does not exist or lies outside the scope.
    func load(_ context: AppRequestContext, _ identity: Identity) async throws -> StoredCase {
        guard let id = context.parameters.get("id"), let stored = try await database.storedCase(id: id, in: identity.scope) else {
            throw AppError.notFound
        }
        return stored
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AppRequestContext, example: String) async throws -> T {
        do {
            return try await request.decode(as: T.self, context: context)
        } catch {
            throw AppError.badRequest("请求体须为 JSON，例如 \(example)")
        }
    }
}
