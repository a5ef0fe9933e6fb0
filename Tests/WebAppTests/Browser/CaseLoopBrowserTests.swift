import Collaboration
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
import ZIPFoundation

/// The closed loop in a real headless Chromium: alert → case → a verification request answered
/// by 民政's own system over the API → decision → recovery in two payments → closed, every step
/// proved against the ledger's signed checkpoint; then a clue sent across regions and accepted
/// into a case there, and a supervised case going overdue. The browser does what people do on
/// the pages — the case opened from the alert page, the request sent from the case page, the
/// recovery and both payments entered on the case page's forms; the API stands in only where a
/// machine does the step (民政's system answering).
@Suite("Browser: the case loop in headless Chromium", .serialized)
struct CaseLoopBrowserTests {
    /// A JSON API client of the served app, with a bearer token.
    struct API {
        let client: TestClient
        let port: Int

        init(base: String) throws {
            port = try #require(Int(base.split(separator: ":").last ?? ""))
            client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60)))
            client.connect()
        }

        @discardableResult
        func call(_ method: HTTPRequest.Method, _ path: String, token: String, json: String? = nil) async throws
            -> (HTTPResponse.Status, [String: Any], Data)
        {
            let response = try await client.execute(
                TestClient.Request(
                    path, method: method, authority: "127.0.0.1:\(port)",
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                    body: json.map { ByteBuffer(string: $0) }))
            let data = response.body.map { Data($0.readableBytesView) } ?? Data()
            return (response.status, ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:], data)
        }
    }

    /// Chooses `value` in the select named `name` (WebDriver cannot pick options portably).
    static func choose(_ page: BrowserPage, _ name: String, _ value: String) async throws {
        _ = try await page.driver.execute(
            "var s = document.querySelector(arguments[0]); s.value = arguments[1]; return s.value;",
            ["select[name=\(name)]", value])
    }

    /// Sets a field's value by script (date inputs take typed keys in the locale's order).
    static func set(_ page: BrowserPage, _ selector: String, _ value: String) async throws {
        _ = try await page.driver.waitForElement(selector)
        _ = try await page.driver.execute(
            "var e = document.querySelector(arguments[0]); e.value = arguments[1]; return e.value;", [selector, value])
    }

    /// Takes one workflow step on the case page's form.
    static func step(_ page: BrowserPage, _ caseID: String, _ action: String, reason: String = "", outcome: String? = nil)
        async throws
    {
        try await page.open("/cases/\(caseID)")
        _ = try await page.driver.waitForElement("form[action='/cases/\(caseID)/action']")
        try await choose(page, "action", action)
        if let outcome { try await choose(page, "outcome", outcome) }
        if !reason.isEmpty {
            try await page.driver.type(reason, into: try await page.driver.waitForElement("form[action='/cases/\(caseID)/action'] textarea[name=reason]"))
        }
        try await page.driver.click(try await page.driver.waitForElement("form[action='/cases/\(caseID)/action'] button[type=submit]"))
        try await page.driver.waitForPage("the case page after \(action)") { $0 == "/cases/\(caseID)" }
    }

    @Test("alert → case → 民政 answers → decision → two payments → closed, each step proved")
    func theWholeLoop() async throws {
        let c = try await CollaborationWorld()
        let world = c.world
        for (name, department) in [("qingdao.civil", Department.civilAffairs), ("qingdao.police", .publicSecurity)] {
            let user = try #require(try await world.database.userForSignIn(username: name)).user
            try await world.database.setLiaisonDepartment(userID: user.id, department: department, by: "test", at: TestWorld.start)
        }
        let scopes = CaseCollaborationWiringTests.allScopes
        let auditor = try await CaseAPITests.token(world, "lixia.auditor", seed: 900, scopes: scopes)
        let civil = try await CaseAPITests.token(world, "qingdao.civil", seed: 901, scopes: scopes)
        let alert = try #require(world.alerts["370102.red"])
        let person = try #require(world.persons["370102"]).value
        try await BrowserPage.run("case-loop", viewport: .desktop, world: world) { page in
            let api = try API(base: page.base)
            defer { Task { [client = api.client] in try? await client.shutdown() } }
            // Alert → case: 转为案件 on the alert's page.
            try await page.signIn("lixia.auditor", landing: "/alerts/\(alert)")
            try await page.driver.click(try await page.driver.waitForElement("form[action='/cases/from-alert'] button[type=submit]"))
            try await page.driver.waitForPage("the case opened from the alert") { $0.hasPrefix("/cases/370102-") }
            let caseURL = try await page.driver.currentURL()
            let caseID = try #require(URL(string: caseURL)?.lastPathComponent)
            try await page.waitForText("立案登记")
            try await page.screenshot("0-case-from-alert")
            try await Self.step(page, caseID, "start_verification")
            try await page.waitForText("核查")
            // A death-status request to Qingdao 市南's civil affairs, from the case page.
            try await Self.choose(page, "kind", "death_status")
            try await page.driver.type("370202", into: try await page.driver.waitForElement("#request-form input[name=addressee_region]"))
            try await page.driver.click(try await page.driver.waitForElement("#request-form button[type=submit]"))
            try await page.driver.waitForPage("the request's page") { $0.hasPrefix("/collaboration/requests/") }
            try await page.waitForText("已发送")
            #expect(!(try await page.html()).contains(person))
            try await page.screenshot("1-request-sent")

            // 民政's system answers over the API from its registry.
            let answered = try await answerAsCivilAffairs(api, token: civil, registry: [person: "2026-05-03"])
            #expect(answered == 1)
            try await page.driver.navigate(to: try await page.driver.currentURL())
            try await page.waitForText("已死亡，死亡日期 2026-05-03")
            try await page.open("/cases/\(caseID)")
            try await page.waitForText("民政协查答复")
            try await page.screenshot("2-answer-in-evidence")
            try await page.signOut()

            try await page.signIn("lixia.reviewer", landing: "/cases/\(caseID)")
            try await Self.step(page, caseID, "file_case")
            try await page.signOut()
            try await page.signIn("lixia.supervisor", landing: "/cases/\(caseID)")
            try await Self.step(page, caseID, "decide", reason: "死亡后冒领养老金，民政答复为证", outcome: "confirmed_fraud")
            try await page.waitForText("确认违规")
            try await page.signOut()

            // Recovery on the case page: 3,000 yuan owed, then two payments entered on its form.
            try await page.signIn("lixia.auditor", landing: "/cases/\(caseID)")
            try await page.driver.type("3000", into: try await page.driver.waitForElement("#recovery-form input[name=owed_yuan]"))
            try await page.driver.click(try await page.driver.waitForElement("#recovery-form button[type=submit]"))
            try await page.driver.waitForPage("the case page after the recovery") { $0 == "/cases/\(caseID)" }
            try await page.waitForText("应追回 3,000.00 元")
            try await Self.step(page, caseID, "start_enforcement")
            for (amount, day) in [("1200", "2026-10-01"), ("1800.00", "2026-10-15")] {
                try await page.open("/cases/\(caseID)")
                try await page.driver.type(amount, into: try await page.driver.waitForElement(".payment-form input[name=amount_yuan]"))
                try await Self.set(page, ".payment-form input[name=received_on]", day)
                try await page.driver.click(try await page.driver.waitForElement(".payment-form button[type=submit]"))
                try await page.driver.waitForPage("the case page after a payment") { $0 == "/cases/\(caseID)" }
                try await page.waitForText("\(day) 到账")
            }
            try await page.waitForText("尚欠 0.00 元")
            try await page.screenshot("2b-recovered-in-two-payments")
            try await page.signOut()
            try await page.signIn("lixia.reviewer", landing: "/cases/\(caseID)")
            try await Self.step(page, caseID, "close", reason: "全额追回，结案")
            try await page.waitForText("结案")
            // The closing report, issued on the documents page and opened for printing.
            try await page.open("/cases/\(caseID)/documents")
            try await page.driver.click(try await page.driver.waitForElement("button[value=closing_report]"))
            try await page.driver.waitForPage("the closing report") { $0.hasPrefix("/cases/\(caseID)/documents/") }
            try await page.waitForText("结案报告")
            #expect(try await page.bodyText().contains("历下区人社结案〔2026〕1号"))
            try await page.screenshot("3-closing-report")
            try await page.open("/cases/\(caseID)/evidence-pack")
            try await page.waitForText("案件证据包")
            try await page.screenshot("4-evidence-pack")

            // Every step and item of the case, proved against the signed checkpoint.
            let (zs, _, zip) = try await api.call(.get, "/api/v1/cases/\(caseID)/evidence-pack", token: auditor)
            #expect(zs == .ok)
            let actions = try verifyPack(zip, verifier: world.trail.verifier)
            #expect(
                actions.starts(with: ["open", "start_verification"]) && actions.contains("decide")
                    && actions.contains("start_recovery") && actions.filter { $0 == "record_payment" }.count == 2
                    && actions.contains("close"))
        }
    }

    @Test("a clue crosses regions into a case there; a supervised case goes overdue")
    func crossRegionClueAndSupervisedOverdueCase() async throws {
        let c = try await CollaborationWorld()
        let world = c.world
        let person = try #require(world.persons["370102"]).value
        let auditor = try await CaseAPITests.token(world, "lixia.auditor", seed: 910, scopes: CaseCollaborationWiringTests.allScopes)
        let leader = try await CaseAPITests.token(world, "jinan.leader", seed: 911, scopes: ["read", "cases:write"])
        let alert = try #require(world.alerts["370102.red"])
        try await BrowserPage.run("case-clue", viewport: .phone, world: world) { page in
            let api = try API(base: page.base)
            defer { Task { [client = api.client] in try? await client.shutdown() } }
            try await page.signIn("lixia.auditor", landing: "/collaboration")
            _ = try await page.driver.waitForElement("#send-clue")
            try await page.driver.type("370202", into: try await page.driver.waitForElement("#send-clue input[name=to_region]"))
            try await page.driver.type(person, into: try await page.driver.waitForElement("#send-clue input[name=subject_id_number]"))
            try await page.driver.type("在青岛市南区领取养老金，户籍地已登记死亡", into: try await page.driver.waitForElement("#send-clue textarea[name=summary]"))
            try await page.driver.type("4800", into: try await page.driver.waitForElement("#send-clue input[name=amount_yuan]"))
            try await page.driver.click(try await page.driver.waitForElement("#send-clue button[type=submit]"))
            try await page.waitForText("已移送")
            #expect(try await page.horizontalOverflow() == 0)
            try await page.signOut()

            try await page.signIn("shinan.auditor", landing: "/collaboration")
            try await page.driver.click(try await page.driver.waitForElement("button[value=accept]"))
            try await page.driver.waitForPage("the case opened from the clue") { $0.hasPrefix("/cases/370202-") }
            try await page.waitForText("移送线索")
            #expect(!(try await page.html()).contains(person))
            try await page.screenshot("1-clue-case")
            try await page.signOut()
            try await page.signIn("lixia.auditor", landing: "/collaboration")
            try await page.waitForText("已接收")

            // A case the city supervises, with a deadline that passes.
            let (_, opened, _) = try await api.call(.post, "/api/v1/cases", token: auditor, json: #"{"alert_ids": [\#(alert)]}"#)
            let caseID = try #require(opened["id"] as? String)
            let (ss, _, _) = try await api.call(
                .post, "/api/v1/cases/\(caseID)/transitions", token: leader,
                json: #"{"action": "supervise", "deadline": "2026-10-01T00:00:00Z", "expected_version": 1}"#)
            #expect(ss == .ok)
            world.clock.advance(15 * 86_400)
            try await DeadlineSweeper(database: world.database, trail: world.trail, clock: world.clock.webClock).sweep()
            try await page.signOut()
            try await page.signIn("jinan.leader", landing: "/cases")
            try await page.open("/cases?supervised=true")
            try await page.waitForText("已超期")
            let (_, stats, _) = try await api.call(.get, "/api/v1/cases/stats", token: leader)
            #expect((stats["stats"] as? [String: Any])?["overdue_supervised"] as? Int == 1)
            try await page.screenshot("2-supervised-overdue")
            try await page.open("/cases/\(caseID)")
            try await page.waitForText("超期督促")
        }
    }

    /// 民政's system: lists the requests sent to it, reads each subject unmasked, answers from its registry.
    func answerAsCivilAffairs(_ api: API, token: String, registry: [String: String]) async throws -> Int {
        let (_, list, _) = try await api.call(.get, "/api/v1/verification-requests?state=sent", token: token)
        var answered = 0
        for request in list["requests"] as? [[String: Any]] ?? [] {
            let id = try #require(request["id"] as? Int)
            let version = try #require(request["version"] as? Int)
            let (_, detail, _) = try await api.call(.get, "/api/v1/verification-requests/\(id)?reveal=true", token: token)
            let subject = try #require((detail["request"] as? [String: Any])?["subject"] as? [String: Any])
            let idNumber = try #require(subject["id_number"] as? String)
            let finding =
                registry[idNumber].map { #"{"kind": "death_status", "status": "dead", "date": "\#($0)"}"# }
                ?? #"{"kind": "death_status", "status": "alive"}"#
            let (s, _, _) = try await api.call(
                .post, "/api/v1/verification-requests/\(id)/answer", token: token,
                json: #"{"finding": \#(finding), "officer": "市南区民政局 自动核查", "source_document": "殡葬管理信息系统 火化记录", "expected_version": \#(version)}"#)
            if s == .ok { answered += 1 }
        }
        return answered
    }

    /// Unzips an evidence pack, verifies the checkpoint's signature and every item's inclusion
    /// proof against it, and returns the case steps' actions in order.
    func verifyPack(_ zip: Data, verifier: any NoteVerifier) throws -> [String] {
        let archive = try Archive(data: zip, accessMode: .read)
        var manifestData = Data()
        _ = try archive.extract(try #require(archive["manifest.json"])) { manifestData.append($0) }
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let note = try SignedNote(parsing: try #require(manifest["checkpoint"] as? String))
        #expect(try note.verify(with: [verifier]).count == 1)
        let checkpoint = try Checkpoint(text: note.text)
        var actions = [String]()
        for item in try #require(manifest["items"] as? [[String: Any]]) where item["kind"] as? String != "finding" && item["kind"] as? String != "rule_version" {
            let proof = try #require(item["proof"] as? [String: Any])
            let entry = Array(try #require(proof["entry"] as? String).utf8)
            let hashes = try (try #require(proof["hashes"] as? [String])).map { try #require(MerkleHash(hex: $0)) }
            try MerkleVerifier.verifyInclusion(
                index: UInt64(try #require(proof["index"] as? Int)), size: checkpoint.size, leafHash: RFC9162.leafHash(entry),
                proof: hashes, root: checkpoint.root)
            #expect(try LedgerEntry(canonicalJSON: entry).payloadSHA256 == item["sha256"] as? String)
            if item["kind"] as? String == "event", let title = item["title"] as? String { actions.append(title) }
        }
        return actions
    }
}
