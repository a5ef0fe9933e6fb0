import Storage
import FundWatchCore
import GRDB
import NIOCore
import HTTPTypes
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

@Suite("Sign-in, sessions and security headers")
struct SignInTests {
    @Test func signInPageCarriesSecurityHeaders() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            try await client.execute(uri: "/signin", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("登录"))
                let csp = try #require(response.headers[.contentSecurityPolicy])
                #expect(csp.contains("script-src 'self'"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test func signInSetsASecureSessionCookieAndOpensTheCockpit() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            try await client.execute(
                uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=lixia.auditor&password=correct+horse+battery&next=%2F")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.hasPrefix("__Host-fw_session="))
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("Secure"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Path=/"))
            }
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("驾驶舱"))
                #expect(html.contains("历下区"))
            }
        }
    }

    @Test func wrongPasswordIsRefusedAndRepeatedFailuresAreRateLimited() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            for _ in 0..<5 {
                try await client.execute(
                    uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "username=lixia.auditor&password=wrong")
                ) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.setCookie] == nil)
                }
            }
            // The right password no longer helps while the window lasts …
            try await client.execute(
                uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=lixia.auditor&password=correct+horse+battery")
            ) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.setCookie] == nil)
            }
            // … and works again once it has passed.
            world.clock.advance(16 * 60)
            _ = try await client.signIn("lixia.auditor")
        }
    }

    @Test func sessionsExpireAndSignOutEndsThem() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/alerts", method: .get, headers: browser.headers) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/signout", method: .post, headers: browser.formHeaders(),
                body: ByteBuffer(string: "_csrf=\(browser.csrf)")
            ) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/alerts", method: .get, headers: browser.headers) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/signin") == true)
            }
            let second = try await client.signIn("lixia.auditor")
            world.clock.advance(8 * 3600 + 1)
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: second.headers) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test func disabledUsersCannotSignInAndLoseTheirSessions() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let browser = try await client.signIn("lixia.auditor")
            try await world.database.setUserDisabled(username: "lixia.auditor", disabled: true)
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: browser.headers) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(
                uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=lixia.auditor&password=correct+horse+battery")
            ) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func signInRefusesOpenRedirects() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            try await client.execute(
                uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=lixia.auditor&password=correct+horse+battery&next=%2F%2Fevil.example")
            ) { response in
                #expect(response.headers[.location] == "/")
            }
        }
    }
}
