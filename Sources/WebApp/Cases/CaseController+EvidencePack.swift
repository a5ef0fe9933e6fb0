import AuditRules
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage

/// A case's evidence pack (证据包): a ZIP through the API, and the same pack browsable in the app
/// (`/cases/{id}/evidence-pack/index.html`, its files beside it, as in the ZIP).
extension CaseController {
    func addEvidencePackRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        api.get("/cases/:id/evidence-pack", use: evidencePackZIP)
        router.get("/cases/:id/evidence-pack", use: evidencePackRedirect)
        router.get("/cases/:id/evidence-pack/:name", use: evidencePackFile)
        router.get("/cases/:id/evidence-pack/files/:name", use: evidencePackFile)
    }

    func export() -> EvidencePackExport { EvidencePackExport(library: pages.library) }

    func pack(_ context: AppRequestContext) async throws -> EvidencePack {
        let identity = try context.require(\.readsCases)
        let stored = try await load(context, identity)
        return try await answeringRefusals {
            try await database.evidencePack(caseID: stored.id, files: files, in: identity.scope, trail: trail)
        }
    }

    func evidencePackZIP(_ request: Request, context: AppRequestContext) async throws -> Response {
        let pack = try await pack(context)
        let bytes = try export().zip(pack) { basis(ofRule: $0) }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip",
                .contentDisposition: "attachment; filename=\"evidence-pack-\(pack.stored.id).zip\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    func evidencePackRedirect(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases)
        let stored = try await load(context, identity)
        return Response.redirect(to: "/cases/\(stored.id)/evidence-pack/index.html", type: .normal)
    }

    /// One file of the pack, by its name in the ZIP.
    func evidencePackFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let pack = try await pack(context)
        guard let name = context.parameters.get("name") else { throw AppError.notFound }
        let path = request.uri.path.contains("/evidence-pack/files/") ? "files/" + name : name
        guard let file = try export().files(pack, basis: { basis(ofRule: $0) }).first(where: { $0.0 == path }) else {
            throw AppError.notFound
        }
        let bytes = file.1
        let type: String =
            if path.hasSuffix(".html") { "text/html; charset=utf-8" }
            else if path.hasSuffix(".css") { "text/css; charset=utf-8" }
            else if path.hasSuffix(".json") { "application/json" }
            else if path.hasSuffix(".pdf") { "application/pdf" }
            else { "application/octet-stream" }
        var headers: HTTPFields = [.contentType: type]
        if type == "application/octet-stream" { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The policy clauses of a rule.
    func basis(ofRule id: String) -> [String] {
        rules?.rule(id)?.spec.basis ?? []
    }
}
