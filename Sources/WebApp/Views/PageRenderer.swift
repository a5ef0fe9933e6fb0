import NIOCore
import HTTPTypes
import Foundation
import Hummingbird
import Mustache
import Storage
import FundWatchCore

/// Renders the pages: mustache templates (a shared layout by template inheritance) over plain
/// view structs. Every value is HTML-escaped by mustache's `{{ }}`.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads the templates shipped in the target's resources.
    static func load() async throws -> PageRenderer {
        guard let folder = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw AppError(.internalServerError, code: "internal", "模板目录缺失")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: folder.appendingPathComponent("templates").path))
    }

    /// The signed-in user as the header shows them.
    struct Me: Sendable {
        let displayName: String
        let roleName: String
        let regionName: String
        let readsFindings: Bool
        let readsPersons: Bool
        let readsRules: Bool
        let readsCases: Bool
        let managesUsers: Bool
    }

    struct Page<Content: Sendable>: Sendable {
        let title: String
        let me: Me?
        let csrf: String?
        let page: Content
    }

    func render(
        _ template: String, title: String, identity: Identity?, page: some Sendable, status: HTTPResponse.Status = .ok
    ) -> Response {
        let me = identity.map { identity in
            Me(
                displayName: identity.user.displayName, roleName: identity.user.role.chinese,
                regionName: RegionNames.name(identity.user.regionCode),
                readsFindings: identity.user.role.readsFindings, readsPersons: identity.user.role.readsPersons,
                readsRules: identity.user.role.readsRules, readsCases: identity.user.role.readsCases,
                managesUsers: identity.user.role.managesUsers)
        }
        let context = Page(title: title, me: me, csrf: identity?.csrfToken, page: page)
        guard let html = library.render(context, withTemplate: template) else {
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "页面模板缺失")))
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    struct ErrorView: Sendable {
        let status: Int
        let message: String
    }

    func errorPage(_ error: AppError, identity: Identity?) -> Response {
        render(
            "error", title: "出错了", identity: identity,
            page: ErrorView(status: Int(error.status.code), message: error.message), status: error.status)
    }
}

/// Region names for display (全国 for the nation).
enum RegionNames {
    static func name(_ code: String?) -> String {
        guard let code else { return "（未知区划）" }
        if code == RegionScope.nationCode { return "全国" }
        return RegionCatalog.shared.region(code)?.name ?? code
    }
}
