import AuditRules
import Foundation
import FundWatchCore
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore
import Storage
import Testing
import WebApp

extension HTTPField.Name {
    /// The header API calls from a page repeat the session's CSRF token in.
    static let fwCSRF = HTTPField.Name("X-CSRF-Token")!
}

@Suite("Rules page: precision, live check, edit, enable/disable, versions in the ledger")
struct RuleAdminTests {
    /// The built-in pension_after_death rule's YAML with another version (and optionally another condition).
    static func draft(version: Int, when: String? = nil) throws -> String {
        let library = try RuleLibrary.builtIn()
        var text = try #require(library.rule("pension_after_death")?.spec.source)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("version:") ? "version: \(version)" : String(line)
        }
        text = lines.joined(separator: "\n")
        if let when {
            text = text.replacingOccurrences(of: "payment.benefit == 'pension' && payment.amount > 0", with: when)
        }
        return text
    }

    static func jsonBody(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    @Test func precisionComesFromSettledAlertsInTheCallersRegion() async throws {
        let world = try await TestWorld()
        let confirmed = try #require(world.alerts["370102.red"])
        let dismissed = try #require(world.alerts["370103.red"])
        try await world.database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO alert_state (finding_id, status, updated_at) VALUES (?, 'case', '2026-09-21T00:00:00.000Z'), (?, 'dismissed', '2026-09-21T00:00:00.000Z')",
                arguments: [confirmed, dismissed])
        }
        // Jinan (both counties) and Lixia only; tokens are seeded by name length, so the two differ in it.
        let nation = try await world.token("jinan.leader")
        let lixia = try await world.token("lixia.auditor")
        try await world.test { client in
            try await client.execute(uri: "/api/v1/rules", method: .get, headers: [.authorization: "Bearer \(nation)"]) { response in
                #expect(response.status == .ok)
                let body = try client.json(response)
                #expect((body["precision_basis"] as? String)?.contains("召回率") == true)
                let rules = try #require(body["rules"] as? [[String: Any]])
                let rule = try #require(rules.first { $0["id"] as? String == "pension_after_death" })
                #expect(rule["confirmed"] as? Int == 1)
                #expect(rule["dismissed"] as? Int == 1)
                #expect(rule["precision"] as? Double == 0.5)
                #expect(rule["enabled"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/rules", method: .get, headers: [.authorization: "Bearer \(lixia)"]) { response in
                let rules = try #require(try client.json(response)["rules"] as? [[String: Any]])
                let rule = try #require(rules.first { $0["id"] as? String == "pension_after_death" })
                #expect(rule["confirmed"] as? Int == 1)
                #expect(rule["dismissed"] as? Int == 0)
                #expect(rule["precision"] as? Double == 1.0)
            }
            let browser = try await client.signIn("nation.leader")
            try await client.execute(uri: "/rules", method: .get, headers: browser.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("精确率"))
                #expect(html.contains("50.0%"))
                #expect(html.contains("数据库中没有存储真值"))
            }
        }
    }

    @Test func theLiveCheckReportsLineAndColumnAndOnlyNationalEditorsMayUseIt() async throws {
        let world = try await TestWorld()
        let good = try Self.draft(version: 3)
        let badCEL = try Self.draft(version: 3, when: "payment.benefit == 'pension' && && payment.amount > 0")
        let stale = try Self.draft(version: 2)
        try await world.test { client in
            let admin = try await client.signIn("nation.admin")
            func check(_ yaml: String, _ browser: Browser, csrf: String? = nil) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/rules/pension_after_death/check", method: .post,
                    headers: [.cookie: browser.cookie, .contentType: "application/json", .fwCSRF: csrf ?? browser.csrf],
                    body: try Self.jsonBody(["yaml": yaml]))
            }
            var response = try await check(good, admin)
            #expect(response.status == .ok)
            var body = try client.json(response)
            #expect(body["ok"] as? Bool == true)
            #expect(body["version"] as? Int == 3)

            response = try await check(badCEL, admin)
            body = try client.json(response)
            #expect(body["ok"] as? Bool == false)
            let problem = try #require((body["problems"] as? [[String: Any]])?.first)
            #expect(problem["line"] as? Int == 10)
            #expect((problem["column"] as? Int ?? 0) > 1)
            #expect((problem["message"] as? String)?.isEmpty == false)

            response = try await check(stale, admin)
            body = try client.json(response)
            let versionLine = try #require(stale.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("version:") })
            let stalePoblem = try #require((body["problems"] as? [[String: Any]])?.first)
            #expect(stalePoblem["line"] as? Int == versionLine + 1)
            #expect((stalePoblem["message"] as? String)?.contains("请改为 3") == true)

            response = try await check("id: [", admin)
            body = try client.json(response)
            #expect(body["ok"] as? Bool == false)
            #expect((body["problems"] as? [[String: Any]])?.isEmpty == false)

            // No CSRF token: refused. A county supervisor, an auditor: refused. No credentials: 401.
            response = try await check(good, admin, csrf: "forged")
            #expect(response.status == .forbidden)
            #expect(client.code(response) == "csrf")
            for name in ["lixia.supervisor", "lixia.auditor"] {
                response = try await check(good, try await client.signIn(name))
                #expect(response.status == .forbidden)
            }
            response = try await client.execute(
                uri: "/api/v1/rules/pension_after_death/check", method: .post, headers: [.contentType: "application/json"],
                body: try Self.jsonBody(["yaml": good]))
            #expect(response.status == .unauthorized)
            response = try await client.execute(
                uri: "/api/v1/rules/no_such_rule/check", method: .post,
                headers: [.cookie: admin.cookie, .contentType: "application/json", .fwCSRF: admin.csrf],
                body: try Self.jsonBody(["yaml": good]))
            #expect(response.status == .notFound)
            response = try await client.execute(
                uri: "/api/v1/rules/pension_after_death/check", method: .post,
                headers: [.cookie: admin.cookie, .contentType: "application/json", .fwCSRF: admin.csrf],
                body: ByteBuffer(string: "not json"))
            #expect(response.status == .badRequest)
        }
    }

    @Test func savingANewVersionRecordsItInTheLedgerAndPutsItInForce() async throws {
        let world = try await TestWorld()
        let yaml = try Self.draft(version: 3)
        try await world.test { client in
            let admin = try await client.signIn("nation.admin")
            func form(_ fields: [String: String]) -> ByteBuffer {
                // Everything but letters, digits and -._ percent-encoded: the YAML holds & = + and Chinese.
                let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")
                return ByteBuffer(
                    string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
                        .joined(separator: "&"))
            }
            // A broken draft comes back on the page with its problem; nothing is stored.
            var response = try await client.execute(
                uri: "/rules/pension_after_death/edit", method: .post, headers: admin.formHeaders(),
                body: form(["_csrf": admin.csrf, "yaml": try Self.draft(version: 2)]))
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("请改为 3"))
            #expect(try await world.database.ruleSources(ruleID: "pension_after_death").isEmpty)

            response = try await client.execute(
                uri: "/rules/pension_after_death/edit", method: .post, headers: admin.formHeaders(),
                body: form(["_csrf": admin.csrf, "yaml": yaml]))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/rules/pension_after_death")

            // In force at once, for the payment check too (the library is shared).
            #expect(world.dependencies.rules.rule("pension_after_death")?.spec.version == 3)
            #expect(world.dependencies.rules.engine.rules.contains { $0.spec.id == "pension_after_death" && $0.spec.version == 3 })

            response = try await client.execute(uri: "/api/v1/rules/pension_after_death", method: .get, headers: admin.headers)
            let body = try client.json(response)
            #expect((body["rule"] as? [String: Any])?["edited"] as? Bool == true)
            let versions = try #require(body["versions"] as? [[String: Any]])
            let v3 = try #require(versions.first { $0["version"] as? Int == 3 })
            #expect(v3["saved_by"] as? String == "user/nation.admin")
            #expect(v3["sha256"] as? String == AuditTrail.sha256Hex(Data(yaml.utf8)))
            let index = try #require(v3["ledger_index"] as? Int)
            let entry = String(decoding: try world.trail.entry(at: UInt64(index)), as: UTF8.self)
            #expect(entry.contains("\"type\":\"rule_version\""))
            #expect(entry.contains("\"subject\":\"rule/pension_after_death/v3\""))
            #expect(entry.contains(AuditTrail.sha256Hex(Data(yaml.utf8))))

            // The same version cannot be saved twice.
            response = try await client.execute(
                uri: "/api/v1/rules/pension_after_death", method: .put,
                headers: [.cookie: admin.cookie, .contentType: "application/json", .fwCSRF: admin.csrf],
                body: try Self.jsonBody(["yaml": yaml]))
            #expect(response.status == .unprocessableContent)
            #expect(try client.json(response)["ok"] as? Bool == false)
        }
        // The batch audit (CLI and in-server) loads the same managed library.
        let (library, problems) = try await ManagedRules.load(database: world.database)
        #expect(problems.isEmpty)
        #expect(library.rule("pension_after_death")?.spec.version == 3)
    }

    @Test func aRuleSwitchedOffNoLongerBlocksPaymentsAndIsLeftOutOfAudits() async throws {
        let world = try await TestWorld()
        let id = try #require(world.persons["370102"])
        try await world.database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO death_record (batch_id, file_id, line, id_number, death_date, source) VALUES (0, 0, 1, ?, '2026-01-10', 'civil_affairs')",
                arguments: [id.value])
        }
        let checker = try await world.token("lixia.auditor", scopes: ["read", "payments:check"])
        let payment = #"{"payment_id":"P-9","id_number":"\#(id.value)","benefit":"pension","period":"2026-06","amount":300000,"region_code":"370102","bank_account":"62220012345678370102"}"#
        try await world.test { client in
            func check() async throws -> [String] {
                try await client.execute(
                    uri: "/api/v1/payments/check", method: .post,
                    headers: [.authorization: "Bearer \(checker)", .contentType: "application/json"],
                    body: ByteBuffer(string: payment)
                ) { response in
                    #expect(response.status == .ok)
                    return (try client.json(response)["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule_id"] as? String }
                }
            }
            #expect(try await check().contains("pension_after_death"))
            let admin = try await client.signIn("nation.admin")
            let headers: HTTPFields = [.cookie: admin.cookie, .contentType: "application/json", .fwCSRF: admin.csrf]
            // Switching off needs a reason.
            var response = try await client.execute(
                uri: "/api/v1/rules/pension_after_death/enabled", method: .put, headers: headers,
                body: try Self.jsonBody(["enabled": false]))
            #expect(response.status == .unprocessableContent)
            #expect(client.code(response) == "reason_required")
            response = try await client.execute(
                uri: "/api/v1/rules/pension_after_death/enabled", method: .put, headers: headers,
                body: try Self.jsonBody(["enabled": false, "reason": "口径调整期间暂停"]))
            #expect(response.status == .ok)
            let index = try #require(try client.json(response)["ledger_index"] as? Int)
            let entry = String(decoding: try world.trail.entry(at: UInt64(index)), as: UTF8.self)
            #expect(entry.contains("\"type\":\"note\""))
            #expect(entry.contains("rule/pension_after_death/"))
            #expect(try await !check().contains("pension_after_death"))
            let (library, _) = try await ManagedRules.load(database: world.database)
            #expect(!library.engine.rules.contains { $0.spec.id == "pension_after_death" })
            #expect(library.rule("pension_after_death") != nil)

            // The page shows it switched off; switching on again restores the check.
            try await client.execute(uri: "/rules/pension_after_death", method: .get, headers: admin.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("已停用"))
                #expect(html.contains("重新启用"))
            }
            response = try await client.execute(
                uri: "/rules/pension_after_death/enabled", method: .post, headers: admin.formHeaders(),
                body: ByteBuffer(string: "_csrf=\(admin.csrf)&enabled=true"))
            #expect(response.status == .seeOther)
            #expect(try await check().contains("pension_after_death"))
            // A province-level supervisor sees no edit controls and is refused the switch.
            let supervisor = try await client.signIn("lixia.supervisor")
            try await client.execute(uri: "/rules/pension_after_death", method: .get, headers: supervisor.headers) { response in
                #expect(!String(buffer: response.body).contains("停用规则"))
            }
            response = try await client.execute(
                uri: "/rules/pension_after_death/enabled", method: .post, headers: supervisor.formHeaders(),
                body: ByteBuffer(string: "_csrf=\(supervisor.csrf)&enabled=false&reason=%E6%B5%8B%E8%AF%95%E7%90%86%E7%94%B1"))
            #expect(response.status == .forbidden)
        }
    }

    @Test func theEditPageCarriesItsScriptAndNoInlineScript() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let admin = try await client.signIn("nation.admin")
            try await client.execute(uri: "/rules/pension_after_death/edit", method: .get, headers: admin.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<script src=\"/static/rule-editor.js\" defer></script>"))
                #expect(!html.contains("<script>"))
                #expect(html.contains("data-check=\"/api/v1/rules/pension_after_death/check\""))
                #expect(html.contains("version: 2"))
            }
            try await client.execute(uri: "/static/rule-editor.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("X-CSRF-Token"))
            }
            let auditor = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/rules/pension_after_death/edit", method: .get, headers: auditor.headers) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
