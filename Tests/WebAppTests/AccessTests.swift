import FundWatchCore
import GRDB
import NIOCore
import HTTPTypes
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import WebApp

@Suite("401, 403, 404, CSRF and region scoping")
struct AccessTests {
    @Test(arguments: [
        "/api/v1/alerts", "/api/v1/findings", "/api/v1/rules", "/api/v1/imports", "/api/v1/ledger",
        "/api/v1/dashboard", "/api/v1/alerts/1", "/api/v1/persons/x",
    ])
    func apiWithoutCredentialsIs401JSON(path: String) async throws {
        let world = try await TestWorld()
        try await world.test { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try client.json(response)
                #expect(body["code"] as? String == "unauthenticated")
                #expect((body["message"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func aForgedOrRevokedTokenIs401() async throws {
        let world = try await TestWorld()
        let token = try await world.token("lixia.auditor")
        try await world.test { client in
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: [.authorization: "Bearer fwt_forged"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .ok)
            }
            try await world.database.setUserDisabled(username: "lixia.auditor", disabled: true)
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test func tokensAreStoredOnlyAsDigests() async throws {
        let world = try await TestWorld()
        let token = try await world.token("lixia.auditor")
        let stored = try await world.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT token_sha256 FROM api_token")
        }
        #expect(!stored.contains(token))
        #expect(stored.contains(AuditTrail.sha256Hex(Array(token.utf8))))
    }

    @Test func pagesWithoutASessionRedirectToSignIn() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            try await client.execute(uri: "/alerts", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/signin?next=/alerts")
            }
        }
    }

    @Test func aCountyUserCannotReachAnotherCountysAlertsOrPersons() async throws {
        let world = try await TestWorld()
        let token = try await world.token("shizhong.auditor", scopes: ["read", "alerts:write", "persons:reveal"])
        let foreignAlert = try #require(world.alerts["370102.red"])
        let ownAlert = try #require(world.alerts["370103.red"])
        let foreignPerson = try #require(world.persons["370102"])
        let auth: HTTPFields = [.authorization: "Bearer \(token)"]
        try await world.test { client in
            // The queue holds only the caller's county.
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: auth) { response in
                let alerts = try #require(try client.json(response)["alerts"] as? [[String: Any]])
                #expect(alerts.count == 2)
                #expect(alerts.allSatisfy { $0["region_code"] as? String == "370103" })
            }
            try await client.execute(uri: "/api/v1/findings", method: .get, headers: auth) { response in
                let findings = try #require(try client.json(response)["findings"] as? [[String: Any]])
                #expect(findings.allSatisfy { $0["region_code"] as? String == "370103" })
            }
            // Another county's alert, person, cockpit or region filter: 404, as if it did not exist.
            for path in [
                "/api/v1/alerts/\(foreignAlert)", "/api/v1/persons/\(foreignPerson.value)",
                "/api/v1/persons/\(foreignPerson.value)?reveal=true", "/api/v1/dashboard/370102",
                "/api/v1/alerts?region=370102",
            ] {
                try await client.execute(uri: path, method: .get, headers: auth) { response in
                    #expect(response.status == .notFound, "\(path)")
                }
            }
            try await client.execute(
                uri: "/api/v1/alerts/\(foreignAlert)/actions", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: #"{"action":"acknowledge"}"#)
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/alerts/\(ownAlert)", method: .get, headers: auth) {
                #expect($0.status == .ok)
            }
            // The same through the pages, with a reference taken from a user who may see the person.
            let browser = try await client.signIn("shizhong.auditor")
            try await client.execute(uri: "/alerts/\(foreignAlert)", method: .get, headers: browser.headers) {
                #expect($0.status == .notFound)
                #expect(String(buffer: $0.body).contains("找不到"))
            }
            try await client.execute(uri: "/cockpit/370102", method: .get, headers: browser.headers) {
                #expect($0.status == .notFound)
            }
            let lixia = try await client.signIn("lixia.auditor")
            let ref = try await client.execute(uri: "/alerts/\(foreignAlert)", method: .get, headers: lixia.headers) { response in
                let html = String(buffer: response.body)
                let start = try #require(html.range(of: "href=\"/persons/")).upperBound
                return String(html[start...].prefix { $0 != "\"" })
            }
            try await client.execute(uri: "/persons/\(ref)", method: .get, headers: lixia.headers) { #expect($0.status == .ok) }
            try await client.execute(uri: "/persons/\(ref)", method: .get, headers: browser.headers) { #expect($0.status == .notFound) }
        }
        // Nothing about the other county was recorded as acted on.
        #expect(try await world.database.alertEvents(alertID: foreignAlert).isEmpty)
    }

    @Test func aCityUserSeesItsCountiesButNotAnotherCity() async throws {
        let world = try await TestWorld()
        let token = try await world.token("jinan.leader")
        try await world.test { client in
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                let alerts = try #require(try client.json(response)["alerts"] as? [[String: Any]])
                #expect(Set(alerts.compactMap { $0["region_code"] as? String }) == ["370102", "370103"])
            }
            try await client.execute(uri: "/api/v1/dashboard", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                let body = try client.json(response)
                #expect(body["total_findings"] as? Int == 4)
                let children = try #require(body["children"] as? [[String: Any]])
                let lixia = try #require(children.first { $0["code"] as? String == "370102" })
                #expect(lixia["findings"] as? Int == 2)
                #expect(lixia["red"] as? Int == 1)
            }
        }
    }

    @Test func rolesOutsideTheirPermissionsGet403() async throws {
        let world = try await TestWorld()
        let liaison = try await world.token("province.liaison")
        let leader = try await world.token("jinan.leader", scopes: ["read", "alerts:write"])
        let readOnly = try await world.token("lixia.auditor", scopes: ["read"])
        let alert = try #require(world.alerts["370102.yellow"])
        try await world.test { client in
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: [.authorization: "Bearer \(liaison)"]) {
                #expect($0.status == .forbidden)
                #expect(client.code($0) == "forbidden")
            }
            try await client.execute(uri: "/api/v1/imports", method: .get, headers: [.authorization: "Bearer \(liaison)"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(
                uri: "/api/v1/alerts/\(alert)/actions", method: .post,
                headers: [.authorization: "Bearer \(leader)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"action":"acknowledge"}"#)
            ) { #expect($0.status == .forbidden) }
            // A token without the alerts:write scope cannot act either, whatever the role.
            try await client.execute(
                uri: "/api/v1/alerts/\(alert)/actions", method: .post,
                headers: [.authorization: "Bearer \(readOnly)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"action":"acknowledge"}"#)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/persons/\(world.persons["370102"]!.value)", method: .get, headers: [.authorization: "Bearer \(liaison)"]) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test func formsWithoutTheSessionsCSRFTokenAreRefused() async throws {
        let world = try await TestWorld()
        let alert = try #require(world.alerts["370102.yellow"])
        try await world.test { client in
            let browser = try await client.signIn("lixia.auditor")
            for body in ["action=acknowledge", "action=acknowledge&_csrf=forged"] {
                try await client.execute(
                    uri: "/alerts/\(alert)/action", method: .post, headers: browser.formHeaders(), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .forbidden)
                    #expect(String(buffer: response.body).contains("安全令牌"))
                }
            }
            // A JSON call made with the session cookie needs the token in its header.
            try await client.execute(
                uri: "/api/v1/alerts/\(alert)/actions", method: .post,
                headers: [.cookie: browser.cookie, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"action":"acknowledge"}"#)
            ) { #expect($0.status == .forbidden) }
            #expect(try await world.database.alertEvents(alertID: alert).isEmpty)
            try await client.execute(
                uri: "/alerts/\(alert)/action", method: .post, headers: browser.formHeaders(),
                body: ByteBuffer(string: "action=acknowledge&_csrf=\(browser.csrf)")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/alerts/\(alert)")
            }
            #expect(try await world.database.alertEvents(alertID: alert).map(\.action) == ["acknowledge"])
        }
    }

    @Test func unexpectedErrorsShowNoInternals() async throws {
        struct Exploding: CockpitDataSource {
            struct Secret: Error {}
            func cockpit(for scope: RegionScope) async throws -> CockpitData { throw Secret() }
        }
        let world = try await TestWorld(cockpit: Exploding())
        let token = try await world.token("lixia.auditor")
        try await world.test { client in
            try await client.execute(uri: "/api/v1/dashboard", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .internalServerError)
                #expect(client.code(response) == "internal")
                #expect(!String(buffer: response.body).contains("Secret"))
            }
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/", method: .get, headers: browser.headers) { response in
                #expect(response.status == .internalServerError)
                let html = String(buffer: response.body)
                #expect(html.contains("服务器内部错误"))
                #expect(!html.contains("Secret"))
            }
        }
    }
}
