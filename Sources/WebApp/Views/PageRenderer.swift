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
    /// Layouts rendered around a marker, per template and caller (see `render(_:title:identity:html:)`).
    let frames = FrameCache()

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
        let me = Self.me(identity)
        guard let html = library.render(Page(title: title, me: me, csrf: identity?.csrfToken, page: page), withTemplate: template) else {
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "页面模板缺失")))
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The header's view of the caller.
    static func me(_ identity: Identity?) -> Me? {
        identity.map { identity in
            Me(
                displayName: identity.user.displayName, roleName: identity.user.role.chinese,
                regionName: RegionNames.name(identity.user.regionCode),
                readsFindings: identity.user.role.readsFindings, readsPersons: identity.user.role.readsPersons,
                readsRules: identity.user.role.readsRules, readsCases: identity.user.role.readsCases,
                managesUsers: identity.user.role.managesUsers)
        }
    }

    /// `template` (a layout whose page section is `{{#page}}{{{html}}}{{/page}}`) around
    /// content rendered beforehand. The layout depends only on the template, the title and the
    /// caller (name, role, region, CSRF token), so it is rendered once per caller with a marker
    /// where the content goes and kept as the two halves around it: a page whose content is
    /// cached costs two copies, not a mustache render (most of the cockpit page's CPU).
    func render(_ template: String, title: String, identity: Identity?, html: String) -> Response {
        let key = [
            template, title, identity?.csrfToken ?? "", identity?.user.displayName ?? "", identity?.user.role.rawValue ?? "",
            identity?.user.regionCode ?? "",
        ].joined(separator: "\u{0}")
        var frame = frames.get(key)
        if frame == nil {
            let page = Page(title: title, me: Self.me(identity), csrf: identity?.csrfToken, page: Framed(html: Self.contentMarker))
            guard let whole = library.render(page, withTemplate: template), let at = whole.range(of: Self.contentMarker) else {
                return Response(
                    status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "页面模板缺失")))
            }
            frame = (String(whole[..<at.lowerBound]), String(whole[at.upperBound...]))
            frames.put(key, frame!)
        }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(frame!.0.utf8.count + html.utf8.count + frame!.1.utf8.count)
        buffer.writeString(frame!.0)
        buffer.writeString(html)
        buffer.writeString(frame!.1)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// Content rendered beforehand, put into a layout as it is.
    struct Framed: Sendable {
        let html: String
    }

    /// Stands where the content goes while a frame is rendered: no template or escaped value
    /// contains control characters.
    static let contentMarker = "\u{1}fundwatch-content\u{1}"

    /// The layout halves per template and caller; emptied when full (sessions come and go).
    final class FrameCache: @unchecked Sendable {
        private let lock = NSLock()
        private var frames: [String: (String, String)] = [:]

        func get(_ key: String) -> (String, String)? { lock.withLock { frames[key] } }

        func put(_ key: String, _ frame: (String, String)) {
            lock.withLock {
                if frames.count >= 4_096 { frames.removeAll() }
                frames[key] = frame
            }
        }
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
