import NIOCore
import HTTPTypes
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

/// The access rules walked over every route the router has, not a sample: an API call without
/// credentials is a 401 JSON answer, a page without a session goes to sign-in, a read-only
/// token cannot write anywhere, unknown addresses are 404 in the audience's form, and every
/// answer carries the security headers.
@Suite("Every endpoint: 401 JSON, sign-in redirects, 403 for read-only tokens, 404s, security headers")
struct EveryEndpointTests {
    /// API routes anyone may call: the document describing the API, and the witness status
    /// departments' witnesses read.
    static let publicAPI: Set<String> = ["/api/v1/openapi.json"]

    /// Page routes anyone may reach: sign-in and sign-out, the ledger's public files and witness endpoints,
    /// static assets and the health check.
    static func isPublicPage(_ path: String) -> Bool {
        path == "/signin" || path == "/signout" || path == "/health" || path.hasPrefix("/ledger/") || path.hasPrefix("/static/")
    }

    /// A concrete address for a route: parameters filled with values that name nothing.
    static func address(_ route: String) -> String {
        route.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            // The router describes a parameter as `{id}` (or `:id`).
            let name = part.trimmingCharacters(in: CharacterSet(charactersIn: ":{}"))
            guard part.hasPrefix(":") || part.hasPrefix("{") else { return part == "**" ? "checkpoint" : String(part) }
            switch name {
            case "region": return "370102"
            case "ref", "name", "username": return "nobody"
            default: return "987654"
            }
        }.joined(separator: "/")
    }

    static func expectSecurityHeaders(_ response: TestResponse, _ what: String) {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        #expect(csp.contains("frame-ancestors 'none'"), "\(what): no CSP with frame-ancestors 'none'")
        #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(what): CSP allows inline script")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what): no X-Content-Type-Options")
    }

    static func routes(_ world: TestWorld) async throws -> [(method: HTTPRequest.Method, path: String)] {
        try await world.router().routes.map { ($0.method, $0.path.description) }
    }

    @Test func everyAPIRouteWithoutCredentialsIs401JSON() async throws {
        let world = try await TestWorld()
        let routes = try await Self.routes(world).filter { $0.path.hasPrefix("/api/v1/") && !Self.publicAPI.contains($0.path) }
        #expect(routes.count >= 60)
        try await world.test { client in
            for route in routes {
                let what = "\(route.method) \(route.path)"
                try await client.execute(
                    uri: Self.address(route.path), method: route.method, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: "{}")
                ) { response in
                    #expect(response.status == .unauthorized, "\(what): \(response.status)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(what): not JSON")
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, "\(what): no WWW-Authenticate")
                    #expect(client.code(response) == "unauthenticated", "\(what)")
                    Self.expectSecurityHeaders(response, what)
                }
            }
        }
    }

    @Test func everyPageWithoutASessionGoesToSignIn() async throws {
        let world = try await TestWorld()
        let routes = try await Self.routes(world).filter { !$0.path.hasPrefix("/api/") && !Self.isPublicPage($0.path) }
        #expect(routes.count >= 25)
        try await world.test { client in
            for route in routes {
                let what = "\(route.method) \(route.path)"
                try await client.execute(
                    uri: Self.address(route.path), method: route.method,
                    headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "a=1")
                ) { response in
                    #expect(response.status == .seeOther, "\(what): \(response.status)")
                    #expect(response.headers[.location]?.hasPrefix("/signin?next=") == true, "\(what)")
                    Self.expectSecurityHeaders(response, what)
                }
            }
        }
    }

    @Test func aReadOnlyTokenCannotWriteThroughAnyAPIRoute() async throws {
        let world = try await TestWorld()
        let token = try await world.token("lixia.auditor", scopes: ["read"])
        // Posts that change nothing: a rule draft checked, not saved.
        let readLike: Set<String> = ["/api/v1/rules/:id/check"]
        let routes = try await Self.routes(world).filter {
            $0.path.hasPrefix("/api/v1/") && $0.method != .get && !readLike.contains($0.path)
        }
        #expect(routes.count >= 25)
        try await world.test { client in
            for route in routes {
                let what = "\(route.method) \(route.path)"
                try await client.execute(
                    uri: Self.address(route.path), method: route.method,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: "{}")
                ) { response in
                    // 404 where the record's existence must not leak (none of these ids exist).
                    #expect([.forbidden, .notFound].contains(response.status), "\(what): \(response.status)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(what): not JSON")
                    #expect(["forbidden", "not_found"].contains(client.code(response)), "\(what)")
                    Self.expectSecurityHeaders(response, what)
                }
            }
        }
    }

    @Test func unknownAddressesAre404InTheirAudiencesForm() async throws {
        let world = try await TestWorld()
        let token = try await world.token("lixia.auditor")
        try await world.test { client in
            try await client.execute(uri: "/api/v1/no-such-thing", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .notFound)
                #expect(client.code(response) == "not_found")
                Self.expectSecurityHeaders(response, "API 404")
            }
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/no-such-page", method: .get, headers: browser.headers) { response in
                #expect(response.status == .notFound)
                let html = String(buffer: response.body)
                #expect(html.contains("出错了（404）"))
                #expect(html.contains("找不到该页面或记录"))
                #expect(html.contains("<html lang=\"zh-CN\""))
                Self.expectSecurityHeaders(response, "page 404")
            }
            // A record outside the user's region is a 404 page too, not a 403 that confirms it exists.
            let foreign = try #require(world.alerts["370202.red"])
            try await client.execute(uri: "/alerts/\(foreign)", method: .get, headers: browser.headers) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("出错了（404）"))
            }
        }
    }
}
