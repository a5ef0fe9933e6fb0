import Collaboration
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import Logging
import Storage

/// Collaboration with departments and regions, as API: verification requests (协查) and their
/// answers, clues shared between regions (线索移送), case outcomes, the cause-analysis report and
/// rectification tasks (整改).
///
/// Sender-side steps need a role that works alerts (token scope `verification:write` or
/// `clues:write`); a department's liaison answers (scope `verification:answer`), from the web or
/// from the department's own system with its token.
struct CollaborationController: Sendable {
    let database: FundWatchDatabase
    let trail: AuditTrail
    let evidence: any EvidenceSink
    let clock: WebClock
    let regions: RegionCatalog
    let logger: Logger
    let pages: PageRenderer
    let workflow = VerificationWorkflow()

    func addRoutes(api: RouterGroup<AppRequestContext>) {
        api.get("/verification-requests", use: listRequests)
        api.post("/verification-requests", use: createRequest)
        api.get("/verification-requests/:id", use: requestDetail)
        api.post("/verification-requests/:id/answer", use: answerRequest)
        api.post("/verification-requests/:id/actions", use: actOnRequest)
        api.post("/verification-deadlines/sweep", use: sweepDeadlines)
        api.put("/liaisons/:username", use: assignLiaison)
        api.get("/clues", use: listClues)
        api.post("/clues", use: sendClue)
        api.get("/clues/:id", use: clueDetail)
        api.post("/clues/:id/actions", use: actOnClue)
        api.get("/outcomes", use: listOutcomes)
        api.post("/outcomes", use: recordOutcome)
        api.get("/feedback/report", use: report)
        api.get("/rectifications", use: listRectifications)
        api.post("/rectifications", use: createRectification)
        api.post("/rectifications/:id/actions", use: actOnRectification)
    }

    // MARK: Access

    /// How the caller sees requests: a liaison through their department (403 without one), others
    /// from the sender side if their role reads findings.
    func access(_ identity: Identity) async throws -> CollaborationAccess {
        if identity.user.role == .liaison {
            guard let department = try await database.liaisonDepartment(userID: identity.user.id) else {
                throw AppError(.forbidden, code: "forbidden", "您的联络员账号尚未指定所属部门，请联系管理员")
            }
            return CollaborationAccess(scope: identity.scope, department: department)
        }
        guard identity.user.role.readsFindings else { throw AppError.forbidden }
        return CollaborationAccess(scope: identity.scope)
    }

    func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw AppError.notFound }
        return id
    }

    // MARK: Verification requests

    struct RequestList: Encodable {
        let requests: [VerificationRequestView]
        let count: Int
    }

    func listRequests(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require { _ in true }
        let access = try await self.access(identity)
        let q = request.uri.queryParameters
        var state: VerificationState?
        if let s = q.get("state"), !s.isEmpty {
            guard let parsed = VerificationState(rawValue: s) else {
                throw AppError.badRequest("未知的协查状态 \(s)：可用 \(VerificationState.allCases.map(\.rawValue).joined(separator: "、"))")
            }
            state = parsed
        }
        let found = try await database.verificationRequests(
            access: access, state: state, caseID: q.get("case_id").flatMap { $0.isEmpty ? nil : $0 })
        let side: VerificationSide = access.department == nil ? .sender : .addressee
        let views = found.map { VerificationRequestView($0, side: side, reveal: false) }
        return JSONOutput.response(RequestList(requests: views, count: views.count))
    }

    struct CreateInput: Decodable {
        let caseId: String
        let kind: VerificationKind
        let department: Department?
        let senderRegion: String?
        let addresseeRegion: String
        let subject: SubjectPerson
        let questions: [String]?
        let send: Bool?
    }

    func createRequest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "verification:write")
        try CSRF.check(identity, request: request, form: nil)
        let input = try await CollaborationBody.decode(
            CreateInput.self, from: request, context: context,
            example: #"{"case_id": "C-1", "kind": "death_status", "addressee_region": "370202", "subject": {"id_number": "…", "name": "…"}, "send": true}"#)
        let sender = input.senderRegion ?? identity.user.regionCode
        guard identity.scope.contains(sender), sender != RegionScope.nationCode || identity.scope.isNation else {
            throw AppError(.forbidden, code: "forbidden", "发起地区 \(sender) 不在您的辖区内")
        }
        return try await collaborationStep {
            let draft = try VerificationRequest.draft(
                caseID: input.caseId, kind: input.kind, department: input.department ?? input.kind.departments[0],
                senderRegion: sender, addresseeRegion: input.addresseeRegion, subject: input.subject,
                questions: input.questions ?? [], createdBy: identity.user.actor, at: clock.now(), catalog: regions)
            // A request is sent from a case of the caller's region: an unknown case, or one
            // outside the scope, is 404 like every other reach outside it.
            try await requireCase(draft.caseID, identity)
            let transition = try await database.createVerificationRequest(
                draft, send: input.send ?? true, by: identity.user.actor, at: clock.now(), trail: trail,
                workflow: workflow)
            return JSONOutput.response(
                VerificationRequestView(transition.request, side: .sender, reveal: false), status: .created)
        }
    }

    struct RequestDetail: Encodable {
        let request: VerificationRequestView
        let history: [CollaborationEvent]
    }

    /// One request with its history. The addressed department may ask for the subject unmasked
    /// (`?reveal=true`): it needs the ID number to look the person up; each such view is
    /// recorded in the access log and the ledger.
    func requestDetail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require { _ in true }
        let access = try await self.access(identity)
        guard let found = try await database.verificationRequest(id: try id(context), access: access),
            let side = access.side(of: found)
        else { throw AppError.notFound }
        var reveal = false
        if request.uri.queryParameters.get("reveal") == "true" {
            guard side == .addressee, identity.hasScope("verification:answer") || identity.csrfToken != nil else {
                throw AppError(.forbidden, code: "forbidden", "只有受理部门可以查看被核查人的完整身份信息")
            }
            let today = clock.today()
            if let number = try? IDNumber(found.subject.idNumber, today: today) {
                try await database.recordUnmasking(
                    of: number, by: identity.user.actor, action: "verification_request/\(found.id)", at: clock.now(),
                    trail: trail)
            }
            reveal = true
        }
        return JSONOutput.response(
            RequestDetail(
                request: VerificationRequestView(found, side: side, reveal: reveal),
                history: try await database.collaborationEvents(object: "request", id: String(found.id))))
    }

    struct AnswerInput: Decodable {
        let finding: VerificationFinding
        let officer: String
        let sourceDocument: String
        let remarks: String?
        let expectedVersion: Int?
    }

    /// The addressed department's answer; it becomes evidence of the case.
    func answerRequest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require({ $0 == .liaison }, tokenScope: "verification:answer")
        try CSRF.check(identity, request: request, form: nil)
        let access = try await self.access(identity)
        let requestID = try id(context)
        let input = try await CollaborationBody.decode(
            AnswerInput.self, from: request, context: context,
            example: #"{"finding": {"kind": "death_status", "status": "dead", "date": "2026-05-03"}, "officer": "…", "source_document": "…"}"#)
        guard let department = access.department else { throw AppError.forbidden }
        return try await collaborationStep {
            let answer = VerificationAnswer(
                finding: input.finding, officer: input.officer, sourceDocument: input.sourceDocument,
                remarks: input.remarks, answeredAt: clock.now())
            let transition = try await database.applyVerification(
                .answer(answer, from: department), toRequest: requestID, by: identity.user.actor, access: access,
                expectedVersion: input.expectedVersion, at: clock.now(), trail: trail, workflow: workflow)
            try await carryOut(transition)
            return JSONOutput.response(VerificationRequestView(transition.request, side: .addressee, reveal: false))
        }
    }

    struct ActionInput: Decodable {
        let action: String
        let note: String?
        let reason: String?
        let expectedVersion: Int?
    }

    /// The sender's steps: `send` a draft, `close` an answered request, `withdraw` an unanswered one.
    func actOnRequest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "verification:write")
        try CSRF.check(identity, request: request, form: nil)
        let access = try await self.access(identity)
        let requestID = try id(context)
        let input = try await CollaborationBody.decode(
            ActionInput.self, from: request, context: context, example: #"{"action": "close", "note": "…"}"#)
        let event: VerificationWorkflow.Event
        switch input.action {
        case "send": event = .send
        case "close": event = .close(note: input.note)
        case "withdraw": event = .withdraw(reason: input.reason ?? input.note ?? "")
        default: throw AppError.badRequest("未知的操作 \(input.action)：可用 send、close、withdraw")
        }
        return try await collaborationStep {
            let transition = try await database.applyVerification(
                event, toRequest: requestID, by: identity.user.actor, access: access,
                expectedVersion: input.expectedVersion, at: clock.now(), trail: trail, workflow: workflow)
            return JSONOutput.response(VerificationRequestView(transition.request, side: .sender, reveal: false))
        }
    }

    struct SweepResult: Encodable {
        struct Notice: Encodable {
            let requestId: Int64
            let caseId: String
            let state: String
            let effect: String
            /// Who is told: the department's region for reminders, the sender's (or the region
            /// above, at level 2) for overdue notices and escalations.
            let regionCode: String
        }

        let notices: [Notice]
    }

    /// Runs the deadline clock over every open request (an administrator's or a scheduler's call).
    func sweepDeadlines(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require({ $0 == .admin }, tokenScope: "verification:write")
        try CSRF.check(identity, request: request, form: nil)
        let transitions = try await database.sweepVerificationDeadlines(at: clock.now(), trail: trail, workflow: workflow)
        var notices = [SweepResult.Notice]()
        for t in transitions {
            for effect in t.effects {
                guard let told = notice(for: effect, of: t.request) else { continue }
                notices.append(
                    SweepResult.Notice(
                        requestId: t.request.id, caseId: t.request.caseID, state: t.request.state.rawValue,
                        effect: told.0, regionCode: told.1))
            }
        }
        return JSONOutput.response(SweepResult(notices: notices))
    }

    /// What to tell whom about one effect of the deadline clock (nil: nothing to tell).
    func notice(for effect: VerificationWorkflow.Effect, of request: VerificationRequest) -> (String, String)? {
        switch effect {
        case .remindDepartment(let days): return ("remind_department:\(days)", request.addresseeRegion)
        case .notifySenderOverdue: return ("overdue", request.senderRegion)
        case .escalate(let level):
            let above = regions.region(request.senderRegion)?.parent ?? RegionScope.nationCode
            return ("escalate:\(level)", level >= 2 ? above : request.senderRegion)
        case .deliverToDepartment, .recordEvidence: return nil
        }
    }

    struct LiaisonInput: Decodable {
        let department: Department
    }

    /// Names the department a liaison user speaks for (administrators only).
    func assignLiaison(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.managesUsers)
        try CSRF.check(identity, request: request, form: nil)
        guard let username = context.parameters.get("username"),
            let user = try await database.userForSignIn(username: username)?.user
        else { throw AppError.notFound }
        let input = try await CollaborationBody.decode(
            LiaisonInput.self, from: request, context: context, example: #"{"department": "civil_affairs"}"#)
        return try await collaborationStep {
            try await database.setLiaisonDepartment(
                userID: user.id, department: input.department, by: identity.user.actor, at: clock.now())
            return JSONOutput.response(["username": username, "department": input.department.rawValue])
        }
    }

    /// Hands an answer to the case as evidence. The answer is already stored and in the ledger, so
    /// a failing sink is logged rather than undoing it; the evidence can be handed over again.
    func carryOut(_ transition: VerificationWorkflow.Transition) async throws {
        for effect in transition.effects {
            guard case .recordEvidence = effect, let item = CollaborationEvidence.answer(of: transition.request) else {
                continue
            }
            do {
                try await evidence.add(item)
            } catch {
                logger.error(
                    "evidence hand-over failed",
                    metadata: ["request": .stringConvertible(transition.request.id), "error": .string("\(error)")])
            }
        }
    }
}
