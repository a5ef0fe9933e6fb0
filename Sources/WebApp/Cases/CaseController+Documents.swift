import AuditRules
import Casework
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import NIOCore
import Storage

/// Documents (文书) issued from a case: the list with what may be issued now, issuing one
/// (numbered, its SHA-256 recorded as case evidence in the ledger), and the document itself as
/// printable HTML, or as PDF where headless Chromium is installed.
extension CaseController {
    func addDocumentRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/cases/:id/documents", use: documentsPage)
        router.post("/cases/:id/documents", use: issueFromForm)
        router.get("/cases/:id/documents/:doc", use: documentFile)
        router.get("/cases/:id/documents/:doc/pdf", use: documentPDF)
        api.get("/cases/:id/documents", use: listDocuments)
        api.post("/cases/:id/documents", use: issueFromAPI)
    }

    struct DocumentView: Encodable, Sendable {
        let id: Int64
        let kind: String
        let title: String
        let number: String
        let sha256: String
        let evidenceId: Int64
        let ledgerIndex: Int64?
        let issuedBy: String
        let issuedAt: Date
        let url: String

        init(_ d: IssuedDocument) {
            id = d.id
            kind = d.kind.rawValue
            title = d.kind.chinese
            number = d.number
            sha256 = d.sha256
            evidenceId = d.evidenceID
            ledgerIndex = d.ledgerIndex
            issuedBy = d.issuedBy
            issuedAt = d.issuedAt
            url = "/cases/\(d.caseID)/documents/\(d.id)"
        }
    }

    struct DocumentsPage: Sendable {
        struct Kind: Sendable {
            let value: String
            let label: String
            let ready: Bool
            let why: String
        }

        let id: String
        let kinds: [Kind]
        let issued: [DocumentView]
        let none: Bool
        let issues: Bool
        let printsPDF: Bool
    }

    func documentsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let stored = try await load(context, identity)
        let measures = try await database.caseMeasures(caseID: stored.id, in: identity.scope)
        let facts = CaseDocumentFacts(
            state: stored.state, outcome: stored.outcome, owedFen: measures.recoveries.reduce(0) { $0 + $1.value.owed.fen },
            hasFreeze: !measures.freezes.isEmpty, hasReferral: !measures.referrals.isEmpty)
        let kinds = CaseDocumentKind.allCases.map { kind in
            switch kind.check(facts) {
            case .success: DocumentsPage.Kind(value: kind.rawValue, label: kind.chinese, ready: true, why: "可出具")
            case .failure(let refusal): DocumentsPage.Kind(value: kind.rawValue, label: kind.chinese, ready: false, why: refusal.reason)
            }
        }
        let issued = try await answeringRefusals { try await database.caseDocuments(caseID: stored.id, in: identity.scope) }
            .map(DocumentView.init)
        let page = DocumentsPage(
            id: stored.id, kinds: kinds, issued: issued, none: issued.isEmpty,
            issues: identity.user.role.worksAlerts, printsPDF: printer != nil)
        return pages.render("case-documents", title: "案件 \(stored.id) 的文书", identity: identity, page: page)
    }

    func listDocuments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let stored = try await load(context, identity)
        let issued = try await answeringRefusals { try await database.caseDocuments(caseID: stored.id, in: identity.scope) }
        return JSONOutput.response(["documents": issued.map(DocumentView.init)])
    }

    struct IssueInput: Decodable {
        let kind: String
    }

    func issueFromAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, actor) = try writer(request, context)
        let stored = try await load(context, identity)
        let input = try await decode(IssueInput.self, request, context, example: "{\"kind\": \"repayment_order\"}")
        let issued = try await issue(input.kind, stored, identity, actor)
        return JSONOutput.response(DocumentView(issued), status: .created)
    }

    func issueFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases, tokenScope: "cases:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let stored = try await load(context, identity)
        let issued = try await issue(form["kind"] ?? "", stored, identity, try identity.caseActor())
        return Response.redirect(to: "/cases/\(stored.id)/documents/\(issued.id)", type: .normal)
    }

    /// Issues one document: refused for a leader (who does not work cases) and when the case is
    /// not far enough along for it.
    func issue(_ kindName: String, _ stored: StoredCase, _ identity: Identity, _ actor: CaseActor) async throws -> IssuedDocument {
        guard let kind = CaseDocumentKind(rawValue: kindName) else {
            let list = CaseDocumentKind.allCases.map(\.rawValue).joined(separator: "、")
            throw AppError.badRequest("未知的文书类型 \(kindName)：可用 \(list)")
        }
        guard actor.role != .leader else { throw AppError(.forbidden, code: "forbidden", "领导不承办案件，不能出具文书") }
        let renderer = CaseDocumentRenderer(library: pages.library)
        return try await answeringRefusals {
            let measures = try await database.caseMeasures(caseID: stored.id, in: identity.scope)
            let events = try await database.caseEvents(caseID: stored.id, in: identity.scope)
            let evidence = try await database.caseEvidence(caseID: stored.id, in: identity.scope)
            let now = clock.now()
            let input = CaseDocumentRenderer.Input(
                stored: stored, measures: measures, events: events, basis: basis(of: stored), evidenceCount: evidence.count,
                issuedAt: now)
            return try await database.issueCaseDocument(
                caseID: stored.id, kind: kind, render: { renderer.render(kind, number: $0, input) }, files: files, by: actor,
                in: identity.scope, at: now, trail: trail)
        }
    }

    /// The policy clauses of the rule behind a case: its case type is the rule of the alert it
    /// was opened from (or of the shared clue).
    func basis(of stored: StoredCase) -> [String] {
        rules?.rule(stored.caseType)?.spec.basis ?? []
    }

    /// The document's HTML as issued (checked against its hash), or the style sheet it links.
    func documentFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        if context.parameters.get("doc") == DocumentStyle.fileName {
            return Self.styleSheet()
        }
        let (_, bytes) = try await documentBytes(context, identity)
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The document as PDF, printed by headless Chromium where installed; otherwise the HTML.
    func documentPDF(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let (document, bytes) = try await documentBytes(context, identity)
        guard let printer else { return Response.redirect(to: "/cases/\(document.caseID)/documents/\(document.id)", type: .normal) }
        // Chromium takes seconds: off the server's threads.
        let pdf = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: printer.pdf(html: bytes)) }
        }
        guard let pdf else {
            throw AppError(.serviceUnavailable, code: "print_failed", "PDF 生成失败：请改用浏览器打印 HTML 文书（/cases/\(document.caseID)/documents/\(document.id)）")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"document-\(document.id).pdf\""],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: pdf)))
    }

    func documentBytes(_ context: AppRequestContext, _ identity: Identity) async throws -> (IssuedDocument, [UInt8]) {
        let stored = try await load(context, identity)
        guard let docID = context.parameters.get("doc", as: Int64.self) else { throw AppError.notFound }
        return try await answeringRefusals {
            guard let document = try await database.caseDocuments(caseID: stored.id, in: identity.scope).first(where: { $0.id == docID })
            else { throw CaseRefusal(.notFound, "案件 \(stored.id) 没有编号为 \(docID) 的文书") }
            let (_, bytes) = try await database.evidenceFile(
                caseID: stored.id, itemID: document.evidenceID, files: files, in: identity.scope)
            return (document, bytes)
        }
    }

    static func styleSheet() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: DocumentStyle.css)))
    }
}
