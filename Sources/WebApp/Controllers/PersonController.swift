import HTTPTypes
import Foundation
import FundWatchCore
import Hummingbird
import Storage

/// Person 360° (人员画像): search, the masked profile, and unmasking for allowed roles (recorded
/// in the ledger as a `data_access` entry). A person outside the caller's region answers 404.
struct PersonController: Sendable {
    let database: FundWatchDatabase
    let trail: AuditTrail
    let presenter: Presenter
    let pages: PageRenderer
    let clock: WebClock

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/persons", use: searchPage)
        router.post("/persons/search", use: search)
        router.get("/persons/:ref", use: page)
        router.post("/persons/:ref/reveal", use: revealPage)
        api.get("/persons/:ref", use: json)
    }

    /// The person a path names: a sealed reference (pages) or, for API clients that hold it
    /// already, the ID number itself; 404 unless the person lies in the caller's scope.
    func resolve(_ context: AppRequestContext, identity: Identity) async throws -> (IDNumber, String) {
        guard let text = context.parameters.get("ref") else { throw AppError.notFound }
        let today = clock.today()
        let id: IDNumber
        if let sealed = presenter.references.idNumber(from: text, today: today) {
            id = sealed
        } else if IDNumber.isCanonicalShape(text) || text.count == 15, let plain = try? IDNumber(text, today: today) {
            id = plain
        } else {
            throw AppError.notFound
        }
        guard try await database.personIsVisible(id, in: identity.scope) else { throw AppError.notFound }
        return (id, presenter.references.reference(for: id))
    }

    func build(_ id: IDNumber, ref: String, identity: Identity, revealed: Bool) async throws -> PersonView {
        let now = clock.now()
        if revealed {
            try await database.recordUnmasking(
                of: id, by: identity.user.actor, action: "person.reveal", at: now, trail: trail)
        } else {
            try await database.recordAccess(
                DataAccess(at: now, actor: identity.user.actor, action: "person.view", subject: id, revealed: false))
        }
        let timeline = try await database.timeline(for: id)
        let findings = try await database.findings(of: id).filter { $0.status != .shadow }
        let links = try await database.links(of: id)
        let tokens = try await database.personalTokens(of: [id.value])[id.value]
        return PersonView.make(
            timeline: timeline, id: id, ref: ref, findings: findings, links: links, tokens: tokens, revealed: revealed,
            mayReveal: identity.user.role.mayUnmask, rules: presenter.rules
        ).withRisk(try await database.latestRiskScore(idNumber: id.value))
    }

    func json(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsPersons)
        let reveal = request.uri.queryParameters.get("reveal") == "true"
        if reveal {
            guard identity.user.role.mayUnmask, identity.hasScope("persons:reveal") else { throw AppError.forbidden }
        }
        let (id, ref) = try await resolve(context, identity: identity)
        return JSONOutput.response(try await build(id, ref: ref, identity: identity, revealed: reveal))
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsPersons)
        let (id, ref) = try await resolve(context, identity: identity)
        let view = try await build(id, ref: ref, identity: identity, revealed: false)
        return pages.render("person", title: "人员画像", identity: identity, page: view)
    }

    func revealPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.mayUnmask)
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let (id, ref) = try await resolve(context, identity: identity)
        let view = try await build(id, ref: ref, identity: identity, revealed: true)
        return pages.render("person", title: "人员画像（已显示明文）", identity: identity, page: view)
    }

    struct SearchView: Sendable {
        let error: String?
    }

    func searchPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsPersons)
        return pages.render("person-search", title: "人员查询", identity: identity, page: SearchView(error: nil))
    }

    func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsPersons)
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let text = (form["id_number"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard let id = try? IDNumber(text, today: clock.today()) else {
            return pages.render(
                "person-search", title: "人员查询", identity: identity,
                page: SearchView(error: "身份证号码格式或校验位有误，请核对后重新输入"), status: .badRequest)
        }
        guard try await database.personIsVisible(id, in: identity.scope) else {
            return pages.render(
                "person-search", title: "人员查询", identity: identity,
                page: SearchView(error: "您的辖区内没有此人的记录"), status: .notFound)
        }
        return Response.redirect(to: "/persons/" + presenter.references.reference(for: id), type: .normal)
    }
}
