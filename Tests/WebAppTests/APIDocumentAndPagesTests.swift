import FundWatchCore
import GRDB
import NIOCore
import HTTPTypes
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
@testable import WebApp

@Suite("OpenAPI document, ledger files and pages")
struct APIDocumentAndPagesTests {
    @Test func everyAPIRouteIsInTheOpenAPIDocument() async throws {
        let world = try await TestWorld()
        let router = try await world.router()
        let app = Application(router: router)
        let document = try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                return try client.json(response)
            }
        }
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let apiRoutes = router.routes.filter { $0.path.description.hasPrefix("/api/v1/") }
        #expect(apiRoutes.count >= 14)
        // `/api/v1/alerts/:id` in the router is `/alerts/{id}` in the document.
        func documented(_ route: String) -> String {
            "/" + route.dropFirst("/api/v1/".count).split(separator: "/").map { part in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }.joined(separator: "/")
        }
        var routed = Set<String>()
        for route in apiRoutes {
            let path = documented(route.path.description)
            routed.insert(path)
            let operations = paths[path]
            #expect(operations != nil, "\(route) is missing from openapi.json")
            #expect(operations?[route.method.rawValue.lowercased()] != nil, "\(route) has no operation in openapi.json")
        }
        // And the document names no route the app does not have.
        #expect(Set(paths.keys) == routed)
    }

    @Test func theLedgerIsServedAsTilesAndEntriesComeWithVerifiedProofs() async throws {
        let world = try await TestWorld()
        let token = try await world.token("lixia.auditor", scopes: ["read", "alerts:write"])
        let alert = try #require(world.alerts["370102.yellow"])
        try await world.test { client in
            try await client.execute(
                uri: "/api/v1/alerts/\(alert)/actions", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"action":"acknowledge"}"#)
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/ledger/checkpoint", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(String(buffer: response.body).hasPrefix("fundwatch.local/ledger\n"))
            }
            try await client.execute(uri: "/ledger/tile/entries/000.p/1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-cache")
            }
            for path in ["/ledger/../fundwatch.sqlite", "/ledger/.lock", "/ledger/tile/../../keys/ledger.key"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .notFound, "\(path)") }
            }
            try await client.execute(uri: "/api/v1/ledger/entries/0", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                let body = try client.json(response)
                #expect(body["verified"] as? Bool == true)
                #expect((body["entry"] as? String)?.contains("\"type\":\"case_event\"") == true)
            }
            try await client.execute(uri: "/api/v1/ledger/entries/99", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .notFound)
            }
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/ledger-view?index=0", method: .get, headers: browser.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("包含证明有效"))
                #expect(html.contains("browser-verify"))
            }
        }
    }

    @Test(arguments: ["lixia.auditor", "jinan.leader", "nation.leader", "nation.admin", "province.liaison", "lixia.reviewer"])
    func everyRoleGetsItsPagesInChinese(username: String) async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let browser = try await client.signIn(username)
            let role = try #require(try await world.database.userForSignIn(username: username)).user.role
            var expected: [(String, HTTPResponse.Status)] = [("/imports", .ok), ("/ledger-view", .ok)]
            expected.append(("/", role.readsFindings ? .ok : .seeOther))
            expected.append(("/alerts", role.readsFindings ? .ok : .forbidden))
            expected.append(("/rules", role.readsRules ? .ok : .forbidden))
            expected.append(("/rules/pension_after_death", role.readsRules ? .ok : .forbidden))
            expected.append(("/persons", role.readsPersons ? .ok : .forbidden))
            for (path, status) in expected {
                try await client.execute(uri: path, method: .get, headers: browser.headers) { response in
                    #expect(response.status == status, "\(username) \(path)")
                    if status == .ok || status == .forbidden {
                        let html = String(buffer: response.body)
                        #expect(html.contains("<html lang=\"zh-CN\">"), "\(path)")
                        #expect(!html.contains("<script>"), "\(path): no inline script")
                    }
                }
            }
        }
    }

    @Test func theCockpitDrillsDownWithinTheScope() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let browser = try await client.signIn("nation.leader")
            try await client.execute(uri: "/", method: .get, headers: browser.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("山东省"))
                #expect(html.contains("href=\"/cockpit/370000\""))
            }
            try await client.execute(uri: "/cockpit/370100", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("历下区"))
                #expect(html.contains("/alerts?region=370102"))
                #expect(html.contains("6,000.00"))
            }
            try await client.execute(uri: "/cockpit/999999", method: .get, headers: browser.headers) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func staticFilesAreServedByTheApp() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            try await client.execute(uri: "/static/app.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
            try await client.execute(uri: "/static/app.js", method: .get) { response in
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body).contains("rootFromProof"))
            }
            try await client.execute(uri: "/static/missing.js", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func demoAccountsCoverEveryRoleAndLevelAndStayPut() async throws {
        let world = try await TestWorld()
        let demo = DemoAccounts(database: world.database, random: .seeded(1), bcryptCost: 4)
        let first = try await demo.ensure(region: "370000", resetPasswords: false, at: TestWorld.start)
        #expect(first.count == 4 * UserRole.allCases.count)
        // The test world already has nation.admin, nation.leader and province.liaison: kept, and no password shown.
        let preexisting: Set<String> = ["nation.admin", "nation.leader", "province.liaison"]
        #expect(first.filter { !preexisting.contains($0.username) }.allSatisfy { $0.password != nil })
        #expect(first.filter { preexisting.contains($0.username) }.allSatisfy { $0.password == nil })
        #expect(Set(first.map(\.regionCode)) == ["000000", "370000", "370100", "370102"])
        let again = try await demo.ensure(region: "370000", resetPasswords: false, at: TestWorld.start)
        #expect(again.map(\.username) == first.map(\.username))
        #expect(again.allSatisfy { $0.password == nil })
        let account = try #require(first.first { $0.username == "county.auditor" })
        try await world.test { client in
            _ = try await client.signIn("county.auditor", password: account.password!)
        }
    }

    @Test func demoPasswordsAreHashedSideBySideInTheirOwnOrder() async throws {
        let passwords: [String?] = ["first-password-1", nil, "second-password-2", "third-password-3", nil, "fourth-password"]
        let hashes = await DemoAccounts.hashes(of: passwords, cost: 4)
        #expect(hashes.count == passwords.count)
        for (password, hash) in zip(passwords, hashes) {
            #expect((password == nil) == (hash == nil))
            if let password, let hash {
                #expect(UserAccounts.verify(password, hash: hash))
                #expect(!UserAccounts.verify(password + "x", hash: hash))
            }
        }
    }
}
