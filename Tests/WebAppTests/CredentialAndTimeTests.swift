import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WebApp
@testable import Storage

@Suite("Credentials: instants as text, verified sessions and tokens kept briefly")
struct CredentialAndTimeTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"), (1_790_000_000, "2026-09-21T14:13:20.000Z"),
        (1_790_000_000.123, "2026-09-21T14:13:20.123Z"), (1_790_000_000.999, "2026-09-21T14:13:20.999Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"), (-86_400.25, "1969-12-30T23:59:59.750Z"),
        (4_102_444_799.999, "2099-12-31T23:59:59.999Z"), (1_709_164_800, "2024-02-29T00:00:00.000Z"),
    ])
    func instantsFormatAsRFC3339WithMillisecondsAndParseBack(_ seconds: Double, _ expected: String) {
        let date = Date(timeIntervalSince1970: seconds)
        let text = WebTime.format(date)
        #expect(text == expected)
        let parsed = WebTime.parse(text)
        #expect(parsed.map { abs($0.timeIntervalSince1970 - seconds) < 0.0006 } == true)
        #expect(parsed.map(WebTime.format) == text)
        // Foundation reads the same instant from the text.
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(reference.date(from: text).map { abs($0.timeIntervalSince1970 - seconds) < 0.0006 } == true)
    }

    @Test func textInOtherRFC3339FormsStillParsesAndNonsenseDoesNot() {
        func near(_ date: Date?, _ seconds: Double) -> Bool { date.map { abs($0.timeIntervalSince1970 - seconds) < 0.001 } ?? false }
        #expect(near(WebTime.parse("2026-11-25T20:51:00Z"), 1_795_639_860))
        #expect(near(WebTime.parse("2026-11-26T04:51:00.250+08:00"), 1_795_639_860.25))
        #expect(WebTime.parse("2026-11-25 20:51") == nil)
        #expect(WebTime.parse("yesterday at noon") == nil)
        #expect(WebTime.parse("") == nil)
    }

    @Test func aVerifiedTokenIsTrustedForItsLifetimeAndChangesInTheServerApplyAtOnce() async throws {
        let world = try await TestWorld()
        let token = try await world.token("lixia.auditor")
        let adminToken = try await world.token("nation.admin", scopes: ["read", "admin"])
        let otherToken = try await world.token("lixia.auditor2")
        var configuration = world.configuration
        configuration.credentialCacheLifetime = 5
        let app = Application(router: try await buildRouter(configuration: configuration, dependencies: world.dependencies))
        let auth: HTTPFields = [.authorization: "Bearer \(token)"]
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: auth) { #expect($0.status == .ok) }
            // Disabled behind the server's back (as `fundwatch user disable` does): trusted until the entry ages out.
            try await world.database.setUserDisabled(username: "lixia.auditor", disabled: true)
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: auth) { #expect($0.status == .ok) }
            world.clock.advance(6)
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: auth) { #expect($0.status == .unauthorized) }

            // Changed through the server (the admin API): refused at the next request, although the
            // entry is fresh. (Disabling revokes the user's tokens, so this uses another user's.)
            let other: HTTPFields = [.authorization: "Bearer \(otherToken)"]
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: other) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/api/v1/admin/users/lixia.auditor2", method: .patch,
                headers: [.authorization: "Bearer \(adminToken)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"disabled": true}"#)
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: other) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func signingOutEndsACachedSessionAtOnce() async throws {
        let world = try await TestWorld()
        var configuration = world.configuration
        configuration.credentialCacheLifetime = 60
        let app = Application(router: try await buildRouter(configuration: configuration, dependencies: world.dependencies))
        try await app.test(.router) { client in
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: browser.headers) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/signout", method: .post, headers: browser.formHeaders(), body: ByteBuffer(string: "_csrf=\(browser.csrf)")
            ) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: browser.headers) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test func aCachedSessionStillEndsWhenItExpires() async throws {
        let world = try await TestWorld()
        var configuration = world.configuration
        configuration.credentialCacheLifetime = 3600
        configuration.sessionLifetime = 10
        let app = Application(router: try await buildRouter(configuration: configuration, dependencies: world.dependencies))
        try await app.test(.router) { client in
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: browser.headers) { #expect($0.status == .ok) }
            world.clock.advance(11)
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: browser.headers) {
                #expect($0.status == .unauthorized)
            }
        }
    }
}
