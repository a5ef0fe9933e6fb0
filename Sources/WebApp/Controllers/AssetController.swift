import NIOCore
import HTTPTypes
import Foundation
import Hummingbird

/// The app's own static files (CSS, JS) and the OpenAPI document, read from the target's
/// resources once at start: no CDN, nothing fetched from elsewhere.
struct AssetController: Sendable {
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
    }

    let assets: [String: Asset]
    let openAPI: [UInt8]

    static func load() throws -> AssetController {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw AppError(.internalServerError, code: "internal", "静态资源目录缺失")
        }
        var assets = [String: Asset]()
        let folder = root.appendingPathComponent("static")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let type =
                switch (name as NSString).pathExtension {
                case "css": "text/css; charset=utf-8"
                case "js": "text/javascript; charset=utf-8"
                case "svg": "image/svg+xml"
                case "png": "image/png"
                default: "application/octet-stream"
                }
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
                assets[name] = Asset(bytes: Array(data), contentType: type)
            }
        }
        guard let spec = FileManager.default.contents(atPath: root.appendingPathComponent("openapi.json").path) else {
            throw AppError(.internalServerError, code: "internal", "OpenAPI 文档缺失")
        }
        return AssetController(assets: assets, openAPI: Array(spec))
    }

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/static/:name", use: asset)
        api.get("/openapi.json", use: openAPIDocument)
    }

    func asset(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let name = context.parameters.get("name"), let asset = assets[name] else { throw AppError.notFound }
        return Response(
            status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    func openAPIDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
    }
}

extension AssetController {
    /// `GET /health`: for load balancers and scripts waiting for the server to come up.
    static func addHealth(to router: Router<AppRequestContext>) {
        router.get("/health") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
    }
}
