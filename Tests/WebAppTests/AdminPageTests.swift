import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

@Suite("Admin page: users, roles, regions, tokens; admin only, region-scoped, recorded in the ledger")
struct AdminPageTests {
    static func json(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")
        return ByteBuffer(
            string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&"))
    }

    @Test func anAdminAddsAUserWhosePasswordIsShownOnceAndWorks() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let admin = try await client.signIn("nation.admin")
            let password = try await client.execute(
                uri: "/admin/users", method: .post, headers: admin.formHeaders(),
                body: Self.form([
                    ("_csrf", admin.csrf), ("username", "lixia.new"), ("display_name", "新同事"), ("role", "auditor"),
                    ("region_code", "370102"),
                ])
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                let html = String(buffer: response.body)
                #expect(html.contains("已添加用户 lixia.new"))
                let marker = "<code class=\"secret\">"
                let start = try #require(html.range(of: marker)).upperBound
                return String(html[start...].prefix { $0 != "<" })
            }
            #expect(password.count == 16)
            let newcomer = try await client.signIn("lixia.new", password: password)
            #expect(!newcomer.csrf.isEmpty)
            // The page lists the user, without the password.
            try await client.execute(uri: "/admin", method: .get, headers: admin.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("lixia.new"))
                #expect(!html.contains(password))
                #expect(html.contains("user.add"))
            }
        }
        let event = try #require(try await world.database.adminEvents(in: RegionScope(code: "000000")!).first { $0.action == "user.add" })
        let index = try #require(event.ledgerIndex)
        let entry = String(decoding: try world.trail.entry(at: UInt64(index)), as: UTF8.self)
        #expect(entry.contains("\"type\":\"note\""))
        #expect(entry.contains("\"subject\":\"user/lixia.new\""))
        #expect(entry.contains(AuditTrail.sha256Hex(Data(event.payload.utf8))))
        #expect(!event.payload.contains("password"))
    }

    @Test func onlyAdminsReachTheAdminPageAndFormsNeedTheirCSRFToken() async throws {
        let world = try await TestWorld()
        let leader = try await world.token("nation.leader", scopes: ["read", "admin"])
        let adminWithoutScope = try await world.token("nation.admin", scopes: ["read"])
        try await world.test { client in
            for name in ["lixia.supervisor", "nation.leader", "province.liaison"] {
                let browser = try await client.signIn(name)
                try await client.execute(uri: "/admin", method: .get, headers: browser.headers) { response in
                    #expect(response.status == .forbidden)
                }
            }
            try await client.execute(uri: "/api/v1/admin/users", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            for token in [leader, adminWithoutScope] {
                try await client.execute(uri: "/api/v1/admin/users", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(response.status == .forbidden)
                }
            }
            let admin = try await client.signIn("nation.admin")
            try await client.execute(
                uri: "/admin/users", method: .post, headers: admin.formHeaders(),
                body: Self.form([("_csrf", "forged"), ("username", "x.y"), ("display_name", "x"), ("role", "auditor"), ("region_code", "370102")])
            ) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try await world.database.user(username: "x.y") == nil)
        }
    }

    @Test func aProvinceAdminManagesOnlyItsSubtreeAndNotItself() async throws {
        let world = try await TestWorld()
        try await UserAccounts(database: world.database, random: .seeded(3), bcryptCost: 4).add(
            username: "jinan.admin", displayName: "济南管理员", role: .admin, regionCode: "370100",
            password: TestWorld.password, at: TestWorld.start)
        let token = try await world.token("jinan.admin", scopes: ["read", "admin"])
        let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        try await world.test { client in
            let users = try await client.execute(uri: "/api/v1/admin/users", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                return (try client.json(response)["users"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
            }
            #expect(users.contains("shizhong.auditor"))
            #expect(users.contains("jinan.admin"))
            #expect(!users.contains("province.liaison"))
            #expect(!users.contains("nation.admin"))
            // Outside the subtree: not found; a region outside: forbidden; itself: refused.
            var response = try await client.execute(
                uri: "/api/v1/admin/users/province.liaison", method: .patch, headers: auth, body: try Self.json(["disabled": true]))
            #expect(response.status == .notFound)
            response = try await client.execute(
                uri: "/api/v1/admin/users/shizhong.auditor", method: .patch, headers: auth,
                body: try Self.json(["region_code": "370202"]))
            #expect(response.status == .forbidden)
            response = try await client.execute(
                uri: "/api/v1/admin/users", method: .post, headers: auth,
                body: try Self.json(["username": "qd.user", "display_name": "青岛", "role": "auditor", "region_code": "370202"]))
            #expect(response.status == .forbidden)
            response = try await client.execute(
                uri: "/api/v1/admin/users/jinan.admin", method: .patch, headers: auth, body: try Self.json(["role": "auditor"]))
            #expect(response.status == .unprocessableContent)
            // Bad input names what is wrong.
            response = try await client.execute(
                uri: "/api/v1/admin/users/shizhong.auditor", method: .patch, headers: auth, body: try Self.json(["role": "king"]))
            #expect(response.status == .unprocessableContent)
            #expect(client.code(response) == "invalid_role")
            response = try await client.execute(
                uri: "/api/v1/admin/users", method: .post, headers: auth,
                body: try Self.json(["username": "Bad Name", "display_name": "x", "role": "auditor", "region_code": "370102"]))
            #expect(response.status == .unprocessableContent)
            response = try await client.execute(uri: "/api/v1/admin/users", method: .post, headers: auth, body: ByteBuffer(string: "{"))
            #expect(response.status == .badRequest)
            // Inside: a role and region change, which ends the user's sessions.
            let moved = try await client.signIn("shizhong.auditor")
            response = try await client.execute(
                uri: "/api/v1/admin/users/shizhong.auditor", method: .patch, headers: auth,
                body: try Self.json(["role": "reviewer", "region_code": "370102"]))
            #expect(response.status == .ok)
            let body = try client.json(response)
            #expect(body["role"] as? String == "reviewer")
            #expect(body["region_code"] as? String == "370102")
            try await client.execute(uri: "/api/v1/rules", method: .get, headers: moved.headers) { response in
                #expect(response.status == .unauthorized)
            }
        }
        let user = try #require(try await world.database.user(username: "shizhong.auditor"))
        #expect(user.role == .reviewer)
        #expect(user.regionCode == "370102")
        let events = try await world.database.adminEvents(in: RegionScope(code: "370100")!)
        #expect(events.contains { $0.action == "user.update" && $0.ledgerIndex != nil && $0.actor == "user/jinan.admin" })
    }

    @Test func tokensAreIssuedOnceAndStopWorkingWhenRevokedOrTheirUserIsDisabled() async throws {
        let world = try await TestWorld()
        let adminToken = try await world.token("nation.admin", scopes: ["read", "admin"])
        let auth: HTTPFields = [.authorization: "Bearer \(adminToken)", .contentType: "application/json"]
        try await world.test { client in
            var response = try await client.execute(
                uri: "/api/v1/admin/tokens", method: .post, headers: auth,
                body: try Self.json(["username": "lixia.auditor", "name": "支付系统", "scopes": ["read", "payments:check"], "days": 30]))
            #expect(response.status == .created)
            #expect(response.headers[.cacheControl] == "no-store")
            let issued = try client.json(response)
            let token = try #require(issued["token"] as? String)
            let id = try #require(issued["id"] as? Int)
            try await client.execute(uri: "/api/v1/rules", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
            }
            response = try await client.execute(uri: "/api/v1/admin/tokens", method: .get, headers: auth)
            let listed = String(buffer: response.body)
            #expect(listed.contains("支付系统"))
            #expect(!listed.contains(token))
            // Unknown scopes are refused.
            response = try await client.execute(
                uri: "/api/v1/admin/tokens", method: .post, headers: auth,
                body: try Self.json(["username": "lixia.auditor", "name": "x", "scopes": ["root"]]))
            #expect(response.status == .unprocessableContent)
            #expect(client.code(response) == "invalid_scopes")
            response = try await client.execute(uri: "/api/v1/admin/tokens/\(id)", method: .delete, headers: auth)
            #expect(response.status == .noContent)
            try await client.execute(uri: "/api/v1/rules", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .unauthorized)
            }
            response = try await client.execute(uri: "/api/v1/admin/tokens/99999", method: .delete, headers: auth)
            #expect(response.status == .notFound)

            // Disabling a user ends their tokens; enabling does not bring them back.
            let second = try await world.token("lixia.auditor2")
            response = try await client.execute(
                uri: "/api/v1/admin/users/lixia.auditor2", method: .patch, headers: auth, body: try Self.json(["disabled": true]))
            #expect(response.status == .ok)
            #expect(try client.json(response)["disabled"] as? Bool == true)
            try await client.execute(uri: "/api/v1/rules", method: .get, headers: [.authorization: "Bearer \(second)"]) { response in
                #expect(response.status == .unauthorized)
            }
            response = try await client.execute(
                uri: "/api/v1/admin/users/nation.admin", method: .patch, headers: auth, body: try Self.json(["disabled": true]))
            #expect(response.status == .unprocessableContent)
        }
        let actions = Set(try await world.database.adminEvents(in: RegionScope(code: "000000")!).map(\.action))
        #expect(actions.isSuperset(of: ["token.issue", "token.revoke", "user.disable"]))
        #expect(try await world.database.unrecordedAdminEvents().isEmpty)
    }
}
