import Casework
import Collaboration
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import Storage

/// The collaboration pages (协查与线索): verification requests (list, one request with the
/// liaison's answer form or the sender's close/withdraw form, created from a case's page) and
/// shared clues (send, accept/return with a reason). They go through the same store calls and
/// checks as the API; refusals come back as the friendly error page with what to do.
extension CollaborationController {
    func addPageRoutes(to router: Router<AppRequestContext>) {
        router.get("/collaboration", use: hubPage)
        router.post("/collaboration/requests", use: createRequestFromForm)
        router.get("/collaboration/requests/:id", use: requestPage)
        router.post("/collaboration/requests/:id/answer", use: answerFromForm)
        router.post("/collaboration/requests/:id/action", use: actOnRequestFromForm)
        router.post("/collaboration/clues", use: sendClueFromForm)
        router.post("/collaboration/clues/:id/action", use: actOnClueFromForm)
        router.get("/collaboration/feedback", use: feedbackPage)
        router.post("/collaboration/rectifications", use: createRectificationFromForm)
        router.post("/collaboration/rectifications/:id/action", use: actOnRectificationFromForm)
    }

    struct RequestRow: Sendable {
        let id: Int64
        let caseID: String
        let kind: String
        let department: String
        let addressee: String
        let subject: String
        let state: String
        let deadline: String
        let answer: String
    }

    struct ClueRow: Sendable {
        let id: Int64
        let from: String
        let to: String
        let subject: String
        let summary: String
        let amountYuan: String
        let state: String
        let caseID: String?
        let reason: String?
        let version: Int
        /// The receiver may accept or return it now.
        let receivable: Bool
        /// The sender may withdraw it now.
        let withdrawable: Bool
    }

    struct HubPage: Sendable {
        let isLiaison: Bool
        let department: String?
        let requests: [RequestRow]
        let noRequests: Bool
        let incoming: [ClueRow]
        let outgoing: [ClueRow]
        let noIncoming: Bool
        let noOutgoing: Bool
        let sendsClues: Bool
        let regionCode: String
    }

    /// The hub: the requests the caller's side sees, and (for case staff) the clues into and out
    /// of their region with the send form.
    func hubPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require { _ in true }
        let access = try await self.access(identity)
        let day = CaseController.dayFormatter()
        let found = try await database.verificationRequests(access: access)
        let requests = found.map { r in
            RequestRow(
                id: r.id, caseID: r.caseID, kind: r.kind.chinese, department: r.department.chinese,
                addressee: RegionNames.name(r.addresseeRegion), subject: Self.maskedSubject(r.subject),
                state: r.state.chinese, deadline: r.deadline.map(day.string(from:)) ?? "—", answer: r.answer?.finding.chinese ?? "—")
        }
        var incoming = [ClueRow]()
        var outgoing = [ClueRow]()
        if access.department == nil {
            incoming = try await database.clues(in: identity.scope, direction: .incoming).map { clueRow($0, identity.scope) }
            outgoing = try await database.clues(in: identity.scope, direction: .outgoing).map { clueRow($0, identity.scope) }
        }
        let page = HubPage(
            isLiaison: access.department != nil, department: access.department?.chinese, requests: requests,
            noRequests: requests.isEmpty, incoming: incoming, outgoing: outgoing, noIncoming: incoming.isEmpty,
            noOutgoing: outgoing.isEmpty, sendsClues: identity.user.role.worksAlerts, regionCode: identity.user.regionCode)
        return pages.render("collaboration", title: "协查与线索", identity: identity, page: page)
    }

    func clueRow(_ c: ClueTransfer, _ scope: RegionScope) -> ClueRow {
        let view = ClueView(c, scope: scope)
        return ClueRow(
            id: c.id, from: RegionNames.name(c.fromRegion), to: RegionNames.name(c.toRegion),
            subject: Self.maskedSubject(c.subject), summary: view.summary,
            amountYuan: c.amountFen.map { Money(fen: $0).description } ?? "—", state: c.state.chinese,
            caseID: c.receiverCaseID, reason: c.reason, version: c.version,
            receivable: c.state == .sent && scope.contains(c.toRegion),
            withdrawable: c.state == .sent && scope.contains(c.fromRegion))
    }

    static func maskedSubject(_ s: SubjectPerson) -> String {
        [s.name.map(PersonalDataMasker.maskName), IDNumber.mask(s.idNumber)].compactMap { $0 }.joined(separator: " ")
    }

    // MARK: One request

    struct Option: Sendable {
        let value: String
        let label: String
    }

    struct RequestPage: Sendable {
        struct Event: Sendable {
            let at: String
            let actor: String
            let action: String
            let state: String
            let note: String
            let ledgerIndex: String
        }

        let id: Int64
        let caseID: String
        let kind: String
        let kindCode: String
        let department: String
        let sender: String
        let addressee: String
        let subject: String
        let questions: [String]
        let state: String
        let deadline: String
        let answer: String?
        let officer: String?
        let sourceDocument: String?
        let remarks: String?
        let version: Int
        /// The addressed liaison may answer now.
        let answerable: Bool
        /// The answer form's status choices for this kind of request.
        let statuses: [Option]
        let isGeneric: Bool
        let isCustody: Bool
        let isIdentity: Bool
        let isSender: Bool
        let closable: Bool
        let withdrawable: Bool
        let history: [Event]
    }

    func requestPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require { _ in true }
        let access = try await self.access(identity)
        guard let found = try await database.verificationRequest(id: try id(context), access: access),
            let side = access.side(of: found)
        else { throw AppError.notFound }
        let day = CaseController.dayFormatter()
        let minute = CaseController.minuteFormatter()
        let history = try await database.collaborationEvents(object: "request", id: String(found.id)).map {
            RequestPage.Event(
                at: minute.string(from: $0.at), actor: $0.actor, action: Self.requestActionLabel($0.action),
                state: VerificationState(rawValue: $0.toState)?.chinese ?? $0.toState,
                note: $0.note.map(PersonalDataMasker.maskNumbers) ?? "", ledgerIndex: $0.ledgerIndex.map(String.init) ?? "—")
        }
        let open = [VerificationState.sent, .overdue].contains(found.state)
        let page = RequestPage(
            id: found.id, caseID: found.caseID, kind: found.kind.chinese, kindCode: found.kind.rawValue,
            department: found.department.chinese, sender: RegionNames.name(found.senderRegion),
            addressee: RegionNames.name(found.addresseeRegion), subject: Self.maskedSubject(found.subject),
            questions: found.questions, state: found.state.chinese, deadline: found.deadline.map(day.string(from:)) ?? "—",
            answer: found.answer?.finding.chinese, officer: found.answer?.officer, sourceDocument: found.answer?.sourceDocument,
            remarks: found.answer?.remarks, version: found.version, answerable: side == .addressee && open,
            statuses: Self.answerStatuses(found.kind), isGeneric: found.kind == .generic, isCustody: found.kind == .custodyStatus,
            isIdentity: found.kind == .identityCheck, isSender: side == .sender && identity.user.role.worksAlerts,
            closable: side == .sender && found.state == .answered, withdrawable: side == .sender && (open || found.state == .draft),
            history: history)
        return pages.render("verification-request", title: "协查 \(found.id)", identity: identity, page: page)
    }

    static func answerStatuses(_ kind: VerificationKind) -> [Option] {
        switch kind {
        case .deathStatus:
            [Option(value: "dead", label: "已死亡"), Option(value: "alive", label: "未登记死亡（在世）"), Option(value: "unknown", label: "无法确认")]
        case .identityCheck:
            [
                Option(value: "valid", label: "身份有效"), Option(value: "cancelled", label: "已注销"),
                Option(value: "not_found", label: "查无此人"), Option(value: "unknown", label: "无法确认"),
            ]
        case .custodyStatus:
            [Option(value: "in_custody", label: "服刑或羁押"), Option(value: "not_in_custody", label: "未服刑羁押"), Option(value: "unknown", label: "无法确认")]
        case .generic: []
        }
    }

    static func requestActionLabel(_ action: String) -> String {
        switch action {
        case "create": "起草"
        case "send": "发出"
        case "answer": "答复"
        case "close": "结束（入卷）"
        case "withdraw": "撤回"
        case "remind": "催办"
        case "overdue": "超期"
        case "escalate": "升级督办"
        default: action
        }
    }

    // MARK: Forms

    /// A request sent from a case's page: the subject is the case's person, so nobody types an
    /// ID number again.
    func createRequestFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "verification:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let caseID = form["case_id"] ?? ""
        guard let stored = try await database.storedCase(id: caseID, in: identity.scope) else { throw AppError.notFound }
        guard let person = stored.personIDNumber else {
            throw AppError.badRequest("案件 \(caseID) 没有涉及人员，无法发起协查；请先在案件中登记人员")
        }
        guard let kind = VerificationKind(rawValue: form["kind"] ?? "") else {
            throw AppError.badRequest("请选择协查类型")
        }
        let department = try (form["department"]).flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let d = Department(rawValue: text) else { throw AppError.badRequest("未知的部门 \(text)") }
            return d
        } ?? kind.departments[0]
        let questions = (form["questions"] ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let created = try await collaborationStep {
            let draft = try VerificationRequest.draft(
                caseID: stored.id, kind: kind, department: department, senderRegion: stored.regionCode,
                addresseeRegion: (form["addressee_region"] ?? "").trimmingCharacters(in: .whitespaces),
                subject: SubjectPerson(idNumber: person), questions: questions, createdBy: identity.user.actor,
                at: clock.now(), catalog: regions)
            return try await database.createVerificationRequest(
                draft, send: true, by: identity.user.actor, at: clock.now(), trail: trail, workflow: workflow)
        }
        return Response.redirect(to: "/collaboration/requests/\(created.request.id)", type: .normal)
    }

    /// The liaison's answer form: the fields become the same finding the API decodes, so the
    /// same checks apply (a date for a death, the kind matching the request).
    func answerFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require({ $0 == .liaison }, tokenScope: "verification:answer")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let access = try await self.access(identity)
        guard let department = access.department else { throw AppError.forbidden }
        let requestID = try id(context)
        var finding: [String: Any] = ["kind": form["kind"] ?? "", "status": form["status"] ?? ""]
        for key in ["date", "from", "until", "text"] {
            if let v = form[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty { finding[key] = v }
        }
        if form["kind"] == VerificationKind.identityCheck.rawValue { finding["name_matches"] = form["name_matches"] != "false" }
        if form["kind"] == VerificationKind.generic.rawValue { finding.removeValue(forKey: "status") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let parsed: VerificationFinding
        do {
            parsed = try decoder.decode(VerificationFinding.self, from: try JSONSerialization.data(withJSONObject: finding))
        } catch let error as DecodingError {
            throw AppError.badRequest("答复内容不完整（\(CollaborationBody.describe(error))）：请按表单填写，死亡须填日期")
        }
        let officer = (form["officer"] ?? "").trimmingCharacters(in: .whitespaces)
        let document = (form["source_document"] ?? "").trimmingCharacters(in: .whitespaces)
        let remarks = (form["remarks"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try await collaborationStep {
            let answer = VerificationAnswer(
                finding: parsed, officer: officer, sourceDocument: document, remarks: remarks.isEmpty ? nil : remarks,
                answeredAt: clock.now())
            let transition = try await database.applyVerification(
                .answer(answer, from: department), toRequest: requestID, by: identity.user.actor, access: access,
                expectedVersion: form["expected_version"].flatMap { Int($0) }, at: clock.now(), trail: trail,
                workflow: workflow)
            try await carryOut(transition)
        }
        return Response.redirect(to: "/collaboration/requests/\(requestID)", type: .normal)
    }

    func actOnRequestFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "verification:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let access = try await self.access(identity)
        let requestID = try id(context)
        let note = form["note"].flatMap { $0.isEmpty ? nil : $0 }
        let event: VerificationWorkflow.Event
        switch form["action"] {
        case "close": event = .close(note: note)
        case "withdraw": event = .withdraw(reason: note ?? "")
        default: throw AppError.badRequest("未知的操作：请选择结束或撤回")
        }
        _ = try await collaborationStep {
            try await database.applyVerification(
                event, toRequest: requestID, by: identity.user.actor, access: access,
                expectedVersion: form["expected_version"].flatMap { Int($0) }, at: clock.now(), trail: trail,
                workflow: workflow)
        }
        return Response.redirect(to: "/collaboration/requests/\(requestID)", type: .normal)
    }

    func sendClueFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "clues:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        var amount: Int64?
        if let text = form["amount_yuan"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let yuan = Decimal(string: text), yuan >= 0 else {
                throw AppError.badRequest("涉及金额须为非负的元数，例如 1200.50；收到 \(text)")
            }
            amount = NSDecimalNumber(decimal: yuan * 100).int64Value
        }
        let name = form["subject_name"].flatMap { $0.isEmpty ? nil : $0 }
        _ = try await collaborationStep {
            let clue = try ClueTransfer.send(
                from: identity.user.regionCode, to: (form["to_region"] ?? "").trimmingCharacters(in: .whitespaces),
                subject: SubjectPerson(idNumber: (form["subject_id_number"] ?? "").trimmingCharacters(in: .whitespaces).uppercased(), name: name),
                summary: form["summary"] ?? "", ruleID: form["rule_id"].flatMap { $0.isEmpty ? nil : $0 },
                sourceReference: form["source_reference"].flatMap { $0.isEmpty ? nil : $0 }, amountFen: amount,
                by: identity.user.actor, at: clock.now(), catalog: regions)
            return try await database.sendClue(clue, scope: identity.scope, at: clock.now(), trail: trail)
        }
        return Response.redirect(to: "/collaboration", type: .normal)
    }

    /// Accept (opening the case in the receiving region), return with a reason, or withdraw.
    func actOnClueFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "clues:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let clueID = try id(context)
        let expected = form["expected_version"].flatMap { Int($0) }
        let reason = form["reason"] ?? ""
        switch form["action"] {
        case "accept":
            let actor = try identity.caseActor()
            let (_, opened) = try await collaborationStep {
                try await answeringRefusals {
                    try await database.acceptClueOpeningCase(
                        id: clueID, by: actor, scope: identity.scope, expectedVersion: expected, at: clock.now(), trail: trail)
                }
            }
            return Response.redirect(to: "/cases/\(opened.id)", type: .normal)
        case "return", "withdraw":
            _ = try await collaborationStep {
                try await database.applyClue(
                    form["action"] == "return" ? .giveBack(reason: reason) : .withdraw(reason: reason), toClue: clueID,
                    by: identity.user.actor, scope: identity.scope, expectedVersion: expected, at: clock.now(), trail: trail)
            }
            return Response.redirect(to: "/collaboration", type: .normal)
        default: throw AppError.badRequest("未知的操作：请选择接收、退回或撤回")
        }
    }
}
