import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore
import Storage
import Testing
import WebApp

/// The case API through the router: roles, region boundaries, optimistic locking, uploads and
/// the whole loop from alert to closure.
@Suite struct CaseAPITests {
    static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    /// An API token with its own random seed (`TestWorld.token` seeds by name length, and
    /// several of these names have the same length).
    static func token(_ world: TestWorld, _ username: String, seed: UInt64, scopes: Set<String>) async throws -> String {
        let user = try #require(try await world.database.userForSignIn(username: username)).user
        return try await UserAccounts(database: world.database, random: .seeded(1000 + seed), bcryptCost: 4)
            .issueToken(for: user, name: "case-test", scopes: scopes, at: TestWorld.start)
    }

    struct Tokens {
        let auditor, auditor2, reviewer, supervisor, shizhong, cityLeader, liaison, admin, readOnly: String
        /// `seeds` shifts the tokens' seeds, for worlds that issue other tokens too.
        init(_ world: TestWorld, seeds: UInt64 = 0) async throws {
            let w: Set<String> = ["read", "cases:write", "payments:check"]
            auditor = try await CaseAPITests.token(world, "lixia.auditor", seed: seeds + 0, scopes: w)
            auditor2 = try await CaseAPITests.token(world, "lixia.auditor2", seed: seeds + 1, scopes: w)
            reviewer = try await CaseAPITests.token(world, "lixia.reviewer", seed: seeds + 2, scopes: w)
            supervisor = try await CaseAPITests.token(world, "lixia.supervisor", seed: seeds + 3, scopes: w)
            shizhong = try await CaseAPITests.token(world, "shizhong.auditor", seed: seeds + 4, scopes: w)
            cityLeader = try await CaseAPITests.token(world, "jinan.leader", seed: seeds + 5, scopes: w)
            liaison = try await CaseAPITests.token(world, "province.liaison", seed: seeds + 6, scopes: w)
            admin = try await CaseAPITests.token(world, "nation.admin", seed: seeds + 7, scopes: w)
            readOnly = try await CaseAPITests.token(world, "jinan.reviewer", seed: seeds + 20, scopes: ["read"])
        }
    }

    /// POSTs JSON and returns the status and the decoded body.
    static func post(
        _ client: any TestClientProtocol, _ uri: String, _ token: String, _ json: String
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: uri, method: .post, headers: bearer(token), body: ByteBuffer(string: json)) { response in
            let body = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:]
            return (response.status, body)
        }
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, _ token: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: uri, method: .get, headers: bearer(token)) { response in
            let body = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:]
            return (response.status, body)
        }
    }

    @Test func theLoopFromAlertToClosureThroughTheAPI() async throws {
        let world = try await TestWorld()
        let t = try await Tokens(world)
        let alert = try #require(world.alerts["370102.red"])
        try await world.test { client in
            let (status, opened) = try await Self.post(client, "/api/v1/cases", t.auditor, #"{"alert_ids": [\#(alert)]}"#)
            #expect(status == .created)
            let id = try #require(opened["id"] as? String)
            #expect(opened["state"] as? String == "clue")
            #expect(opened["version"] as? Int == 1)
            #expect((opened["person"] as? String)?.contains("*") == true)
            #expect(opened["assignee"] as? String == "user/lixia.auditor")
            // The alert went through its workflow to 已立案.
            let (_, alertBody) = try await Self.get(client, "/api/v1/alerts/\(alert)", t.auditor)
            #expect((alertBody["alert"] as? [String: Any])?["status"] as? String == "case")

            var version = 1
            func step(_ token: String, _ json: String, expect: HTTPResponse.Status = .ok) async throws -> [String: Any] {
                let (s, body) = try await Self.post(client, "/api/v1/cases/\(id)/transitions", token, json)
                #expect(s == expect, "\(json) → \(s) \(body)")
                if let v = body["version"] as? Int { version = v }
                return body
            }
            _ = try await step(t.auditor, #"{"action": "start_verification", "expected_version": 1}"#)
            // Two people acting on version 1: the second is refused, 409.
            let stale = try await step(t.reviewer, #"{"action": "file_case", "expected_version": 1}"#, expect: .conflict)
            #expect(stale["code"] as? String == "stale_version")
            _ = try await step(t.reviewer, #"{"action": "file_case", "expected_version": \#(version)}"#)
            let wrongRole = try await step(
                t.auditor, #"{"action": "decide", "outcome": "confirmed_fraud", "summary": "死亡后冒领", "expected_version": \#(version)}"#,
                expect: .forbidden)
            #expect(wrongRole["code"] as? String == "forbidden")
            _ = try await step(
                t.supervisor, #"{"action": "decide", "outcome": "confirmed_fraud", "summary": "死亡后冒领养老金", "expected_version": \#(version)}"#)
            let (ms, recovery) = try await Self.post(
                client, "/api/v1/cases/\(id)/measures", t.auditor, #"{"command": "start_recovery", "owed": 300000}"#)
            #expect(ms == .ok)
            let recoveryID = try #require(recovery["measure_id"] as? Int)
            version = try #require(recovery["version"] as? Int)
            _ = try await step(t.auditor, #"{"action": "start_enforcement", "expected_version": \#(version)}"#)
            let early = try await step(t.reviewer, #"{"action": "close", "summary": "执行完毕结案", "expected_version": \#(version)}"#, expect: .conflict)
            #expect(early["code"] as? String == "measures_unfinished")
            for amount in [100_000, 200_000] {
                let (ps, paid) = try await Self.post(
                    client, "/api/v1/cases/\(id)/recoveries/\(recoveryID)/payments", t.auditor,
                    #"{"amount": \#(amount), "received_on": "2026-10-01"}"#)
                #expect(ps == .created)
                version = try #require(paid["version"] as? Int)
            }
            let closed = try await step(t.reviewer, #"{"action": "close", "summary": "全额追回，结案", "expected_version": \#(version)}"#)
            #expect(closed["state"] as? String == "closed")

            let (ds, detail) = try await Self.get(client, "/api/v1/cases/\(id)", t.auditor)
            #expect(ds == .ok)
            let history = try #require(detail["history"] as? [[String: Any]])
            #expect(
                history.map { $0["action"] as? String } == [
                    "open", "start_verification", "file_case", "decide", "start_recovery", "start_enforcement", "record_payment",
                    "record_payment", "close",
                ])
            // Every step carries the index of its ledger entry, and the entry holds its payload hash.
            for event in history {
                let index = try #require(event["ledger_index"] as? Int)
                let entry = try LedgerEntry(canonicalJSON: try world.trail.entry(at: UInt64(index)))
                #expect(entry.type == .caseEvent)
                #expect(entry.payloadSHA256 == event["payload_sha256"] as? String)
                #expect(entry.subject == "case/\(id)")
            }
            let measures = try #require(detail["measures"] as? [String: Any])
            let recoveries = try #require(measures["recoveries"] as? [[String: Any]])
            #expect(recoveries.first?["outstanding"] as? Int == 0)
            #expect(recoveries.first?["received"] as? Int == 300_000)
        }
    }

    @Test func rolesAndRegionBoundaries() async throws {
        let world = try await TestWorld()
        let t = try await Tokens(world)
        let alert = try #require(world.alerts["370102.yellow"])
        let foreignAlert = try #require(world.alerts["370103.red"])
        try await world.test { client in
            let (_, opened) = try await Self.post(client, "/api/v1/cases", t.auditor, #"{"alert_ids": [\#(alert)]}"#)
            let id = try #require(opened["id"] as? String)
            // Another county: not found, through every URL.
            for uri in ["/api/v1/cases/\(id)", "/api/v1/cases/\(id)/tasks", "/api/v1/cases/\(id)/evidence"] {
                #expect(try await Self.get(client, uri, t.shizhong).0 == .notFound, "\(uri)")
            }
            let (fs, _) = try await Self.post(
                client, "/api/v1/cases/\(id)/transitions", t.shizhong, #"{"action": "start_verification", "expected_version": 1}"#)
            #expect(fs == .notFound)
            #expect(try await Self.post(client, "/api/v1/cases/\(id)/notes", t.shizhong, #"{"text": "越权添加"}"#).0 == .notFound)
            #expect((try await Self.get(client, "/api/v1/cases", t.shizhong).1["count"] as? Int) == 0)
            // Nor can a county open a case from another county's alert.
            #expect(try await Self.post(client, "/api/v1/cases", t.auditor, #"{"alert_ids": [\#(foreignAlert)]}"#).0 == .notFound)
            // The city above sees it; its leader cannot work it.
            #expect((try await Self.get(client, "/api/v1/cases", t.cityLeader).1["count"] as? Int) == 1)
            let (ls, leaderStep) = try await Self.post(
                client, "/api/v1/cases/\(id)/transitions", t.cityLeader, #"{"action": "start_verification", "expected_version": 1}"#)
            #expect(ls == .forbidden && leaderStep["code"] as? String == "forbidden")
            // Liaisons and administrators do not read cases; a read-only token cannot write.
            #expect(try await Self.get(client, "/api/v1/cases", t.liaison).0 == .forbidden)
            #expect(try await Self.get(client, "/api/v1/cases/\(id)", t.admin).0 == .forbidden)
            #expect(try await Self.get(client, "/api/v1/cases/\(id)", t.readOnly).0 == .ok)
            #expect(
                try await Self.post(client, "/api/v1/cases/\(id)/transitions", t.readOnly, #"{"action": "start_verification", "expected_version": 1}"#).0
                    == .forbidden)
            // No credentials: 401.
            try await client.execute(uri: "/api/v1/cases", method: .get) { #expect($0.status == .unauthorized) }
            // Bad input names what to send.
            let (bs, bad) = try await Self.post(client, "/api/v1/cases/\(id)/transitions", t.auditor, #"{"action": "start_verification"}"#)
            #expect(bs == .badRequest && (bad["message"] as? String)?.contains("expected_version") == true)
            let (us, unknown) = try await Self.post(
                client, "/api/v1/cases/\(id)/transitions", t.auditor, #"{"action": "explode", "expected_version": 1}"#)
            #expect(us == .badRequest && (unknown["message"] as? String)?.contains("start_verification") == true)
            let (ds, dismissal) = try await Self.post(
                client, "/api/v1/cases/\(id)/transitions", t.auditor, #"{"action": "dismiss", "expected_version": 1}"#)
            #expect(ds == .unprocessableContent && dismissal["code"] as? String == "reason_required")
        }
    }

    @Test func evidenceUploadsAreCheckedByContentAndSize() async throws {
        let world = try await TestWorld()
        let t = try await Tokens(world)
        let alert = try #require(world.alerts["370102.red"])
        try await world.test { client in
            let (_, opened) = try await Self.post(client, "/api/v1/cases", t.auditor, #"{"alert_ids": [\#(alert)]}"#)
            let id = try #require(opened["id"] as? String)
            func upload(_ bytes: [UInt8], name: String, declared: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                var headers: HTTPFields = [.authorization: "Bearer \(t.auditor)", .contentType: declared]
                headers[HTTPField.Name("X-File-Name")!] = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
                return try await client.execute(
                    uri: "/api/v1/cases/\(id)/evidence", method: .post, headers: headers, body: ByteBuffer(bytes: bytes)
                ) { response in
                    (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:])
                }
            }
            let pdf = Array("%PDF-1.4\n死亡医学证明书".utf8)
            let (s, item) = try await upload(pdf, name: "死亡证明.pdf", declared: "application/pdf")
            #expect(s == .created)
            #expect(item["title"] as? String == "死亡证明.pdf")
            #expect(item["file_type"] as? String == "pdf")
            let sha = AuditTrail.sha256Hex(pdf)
            #expect(item["sha256"] as? String == sha)
            #expect(FileManager.default.fileExists(atPath: world.folder + "/evidence/\(sha.prefix(2))/\(sha)"))
            let entry = try LedgerEntry(canonicalJSON: try world.trail.entry(at: UInt64(try #require(item["ledger_index"] as? Int))))
            #expect(entry.type == .evidence && entry.payloadSHA256 == sha)
            try await client.execute(
                uri: "/api/v1/cases/\(id)/evidence/\(try #require(item["id"] as? Int))/file", method: .get, headers: Self.bearer(t.auditor)
            ) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == pdf)
                #expect(response.headers[.contentType] == "application/pdf")
            }
            // An executable that claims to be a PDF: 415.
            let (ws, wrong) = try await upload([0x4D, 0x5A, 0x90, 0x00, 0x03], name: "invoice.pdf", declared: "application/pdf")
            #expect(ws == .unsupportedMediaType && wrong["code"] as? String == "evidence_type")
            #expect((wrong["message"] as? String)?.contains("invoice.pdf") == true)
            // Larger than the 20 MiB limit: 413.
            let (bs, big) = try await upload([UInt8](repeating: 0x41, count: 20 * 1024 * 1024 + 1), name: "big.txt", declared: "text/plain")
            #expect(bs == .contentTooLarge && big["code"] as? String == "evidence_too_large")
            let (ns, note) = try await Self.post(client, "/api/v1/cases/\(id)/notes", t.auditor, #"{"title": "走访记录", "text": "家属称老人已于去年去世"}"#)
            #expect(ns == .created && note["kind"] as? String == "note")
            let (_, listed) = try await Self.get(client, "/api/v1/cases/\(id)/evidence", t.auditor)
            #expect((listed["evidence"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func aBlacklistedPayeeIsHeldForReview() async throws {
        let world = try await TestWorld()
        let t = try await Tokens(world)
        let person = try #require(world.persons["370102"])
        let alert = try #require(world.alerts["370102.red"])
        let payment = #"{"payment_id":"P-9","id_number":"\#(person.value)","benefit":"pension","period":"2026-10","amount":300000,"pay_date":"2026-10-05","region_code":"370102"}"#
        try await world.test { client in
            let (_, before) = try await Self.post(client, "/api/v1/payments/check", t.auditor, payment)
            let beforeRules = (before["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule_id"] as? String }
            #expect(!beforeRules.contains("casework_blacklist"))
            let (_, opened) = try await Self.post(client, "/api/v1/cases", t.auditor, #"{"alert_ids": [\#(alert)]}"#)
            let id = try #require(opened["id"] as? String)
            var version = 1
            for (token, json) in [
                (t.auditor, #"{"action": "start_verification""#), (t.reviewer, #"{"action": "file_case""#),
                (t.supervisor, #"{"action": "decide", "outcome": "confirmed_fraud", "summary": "死亡后冒领养老金""#),
            ] {
                let (s, body) = try await Self.post(client, "/api/v1/cases/\(id)/transitions", token, json + #", "expected_version": \#(version)}"#)
                #expect(s == .ok)
                version = try #require(body["version"] as? Int)
            }
            let (bs, listed) = try await Self.post(
                client, "/api/v1/cases/\(id)/measures", t.auditor,
                #"{"command": "blacklist", "subject_kind": "person", "subject_id": "\#(person.value)", "reason": "骗取养老金", "start": "2026-09-21", "end": "2029-09-20"}"#)
            #expect(bs == .ok)
            let entries = try #require((listed["measures"] as? [String: Any])?["blacklist"] as? [[String: Any]])
            #expect(entries.first?["subject"] as? String == IDNumber.mask(person.value))
            let (s, after) = try await Self.post(client, "/api/v1/payments/check", t.auditor, payment)
            #expect(s == .ok)
            #expect(["review", "block"].contains(after["action"] as? String))
            let finding = try #require((after["findings"] as? [[String: Any]])?.first { $0["rule_id"] as? String == "casework_blacklist" })
            #expect((finding["explanation"] as? String)?.contains(id) == true)
            // After the period, the listing no longer applies.
            let later = payment.replacingOccurrences(of: "2026-10-05", with: "2030-01-05").replacingOccurrences(of: "2026-10", with: "2029-12")
            let (_, old) = try await Self.post(client, "/api/v1/payments/check", t.auditor, later)
            #expect(!(old["findings"] as? [[String: Any]] ?? []).contains { $0["rule_id"] as? String == "casework_blacklist" })
        }
    }

    @Test func supervisedOverdueCasesShowInNotices() async throws {
        let world = try await TestWorld()
        let t = try await Tokens(world)
        let jinanSupervisor = try await Self.token(world, "jinan.reviewer", seed: 21, scopes: ["read", "cases:write"])
        let alert = try #require(world.alerts["370102.red"])
        try await world.test { client in
            let (_, opened) = try await Self.post(client, "/api/v1/cases", t.auditor, #"{"alert_ids": [\#(alert)]}"#)
            let id = try #require(opened["id"] as? String)
            // A city reviewer is not a supervisor: refused; the county cannot supervise itself.
            let deadline = "2026-10-01T00:00:00Z"
            #expect(
                try await Self.post(client, "/api/v1/cases/\(id)/transitions", jinanSupervisor, #"{"action": "supervise", "deadline": "\#(deadline)", "expected_version": 1}"#).0
                    == .forbidden)
            #expect(
                try await Self.post(client, "/api/v1/cases/\(id)/transitions", t.supervisor, #"{"action": "supervise", "deadline": "\#(deadline)", "expected_version": 1}"#).0
                    == .forbidden)
            let (s, supervised) = try await Self.post(
                client, "/api/v1/cases/\(id)/transitions", t.cityLeader, #"{"action": "supervise", "deadline": "\#(deadline)", "expected_version": 1}"#)
            #expect(s == .ok && supervised["supervised_by"] as? String == "370100")
            #expect(supervised["supervision_overdue"] as? Bool == false)
            world.clock.advance(15 * 86_400)
            let (_, list) = try await Self.get(client, "/api/v1/cases?supervised=true", t.cityLeader)
            let cases = try #require(list["cases"] as? [[String: Any]])
            #expect(cases.count == 1 && cases.first?["supervision_overdue"] as? Bool == true)
            let (ns, notices) = try await Self.get(client, "/api/v1/cases/notices", t.cityLeader)
            #expect(ns == .ok)
            let kinds = try #require(notices["notices"] as? [[String: Any]]).map { "\($0["kind"]!):\($0["title"]!)" }
            #expect(kinds.contains("escalation:督办事项"))
            #expect(kinds.contains("escalation:研判线索"))
        }
    }

    @Test func casePagesListAndShowACaseInChinese() async throws {
        let world = try await TestWorld()
        let t = try await Tokens(world)
        let alert = try #require(world.alerts["370102.red"])
        try await world.test { client in
            let (_, opened) = try await Self.post(client, "/api/v1/cases", t.auditor, #"{"alert_ids": [\#(alert)]}"#)
            let id = try #require(opened["id"] as? String)
            let person = try #require(world.persons["370102"]).value
            let browser = try await client.signIn("lixia.reviewer")
            try await client.execute(uri: "/cases", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(id) && html.contains("线索"))
                #expect(!html.contains(person))
            }
            try await client.execute(uri: "/cases/\(id)", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("立案登记") && html.contains("开始核查"))
            }
            let form = "_csrf=\(browser.csrf)&expected_version=1&action=start_verification&reason="
            try await client.execute(uri: "/cases/\(id)/action", method: .post, headers: browser.formHeaders(), body: ByteBuffer(string: form)) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/cases/\(id)/action", method: .post, headers: browser.formHeaders(), body: ByteBuffer(string: form)) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("已被他人修改"))
            }
            let outsider = try await client.signIn("shizhong.auditor")
            try await client.execute(uri: "/cases/\(id)", method: .get, headers: outsider.headers) { #expect($0.status == .notFound) }
        }
    }

    @Test func theAlertPageOpensACaseFromTheAlert() async throws {
        let world = try await TestWorld()
        let alert = try #require(world.alerts["370102.red"])
        try await world.test { client in
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/alerts/\(alert)", method: .get, headers: browser.headers) { response in
                #expect(String(buffer: response.body).contains("action=\"/cases/from-alert\""))
            }
            let form = "_csrf=\(browser.csrf)&alert_id=\(alert)"
            let location = try await client.execute(
                uri: "/cases/from-alert", method: .post, headers: browser.formHeaders(), body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            #expect(location.hasPrefix("/cases/"))
            try await client.execute(uri: location, method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("线索"))
            }
            // The alert now belongs to the case: a second case from it is refused, not opened twice.
            try await client.execute(
                uri: "/cases/from-alert", method: .post, headers: browser.formHeaders(), body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status != .seeOther)
            }
            // Another county's auditor cannot open a case from this alert.
            let outsider = try await client.signIn("shizhong.auditor")
            try await client.execute(
                uri: "/cases/from-alert", method: .post, headers: outsider.formHeaders(),
                body: ByteBuffer(string: "_csrf=\(outsider.csrf)&alert_id=\(alert)")
            ) { response in
                #expect(response.status != .seeOther)
            }
        }
    }
}
