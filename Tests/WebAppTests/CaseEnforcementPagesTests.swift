import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

/// The case page's enforcement forms through the router, signed in as people are: recovery with
/// a plan, payments and a write-off that a second person approves; freeze, blacklist and
/// judicial referral followed to their ends; appeal, its review by someone other than the
/// decider, and reopening; every refusal shown on the case page in Chinese, a stale version
/// refused with nothing written, and another county kept out.
@Suite struct CaseEnforcementPagesTests {
    /// A case of 历下区 taken through the API to a confirmed-fraud decision; returns its id.
    static func decidedCase(_ client: any TestClientProtocol, _ world: TestWorld, _ t: CaseAPITests.Tokens) async throws -> String {
        let alert = try #require(world.alerts["370102.red"])
        let (_, opened) = try await CaseAPITests.post(client, "/api/v1/cases", t.auditor, #"{"alert_ids": [\#(alert)]}"#)
        let id = try #require(opened["id"] as? String)
        var version = 1
        for (token, json) in [
            (t.auditor, #"{"action": "start_verification""#), (t.reviewer, #"{"action": "file_case""#),
            (t.supervisor, #"{"action": "decide", "outcome": "confirmed_fraud", "summary": "死亡后冒领养老金""#),
        ] {
            let (s, body) = try await CaseAPITests.post(
                client, "/api/v1/cases/\(id)/transitions", token, json + #", "expected_version": \#(version)}"#)
            #expect(s == .ok, "\(json) → \(s) \(body)")
            version = try #require(body["version"] as? Int)
        }
        return id
    }

    static func version(_ client: any TestClientProtocol, _ id: String, _ token: String) async throws -> Int {
        let (_, detail) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)", token)
        return try #require((detail["case"] as? [String: Any])?["version"] as? Int)
    }

    static func measures(_ client: any TestClientProtocol, _ id: String, _ token: String) async throws -> [String: Any] {
        let (_, detail) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)", token)
        return try #require(detail["measures"] as? [String: Any])
    }

    /// Posts one form to `path` and returns the status, the redirect and the page shown.
    static func submit(
        _ client: any TestClientProtocol, _ browser: Browser, _ path: String, _ fields: [(String, String)]
    ) async throws -> (HTTPResponse.Status, String?, String) {
        try await client.execute(
            uri: path, method: .post, headers: browser.formHeaders(), body: CollaborationPagesTests.form(browser, fields)
        ) { response in
            (response.status, response.headers[.location], String(buffer: response.body))
        }
    }

    static func page(_ client: any TestClientProtocol, _ browser: Browser, _ path: String) async throws -> String {
        try await client.execute(uri: path, method: .get, headers: browser.headers) { response in
            #expect(response.status == .ok)
            return String(buffer: response.body)
        }
    }

    @Test func recoveryWithPlanPaymentsAndASecondPersonsWriteOff() async throws {
        let world = try await TestWorld()
        let t = try await CaseAPITests.Tokens(world)
        try await world.test { client in
            let id = try await Self.decidedCase(client, world, t)
            let auditor = try await client.signIn("lixia.auditor")
            let form = try await Self.page(client, auditor, "/cases/\(id)")
            #expect(["recovery-form", "freeze-form", "blacklist-form", "referral-form"].allSatisfy { form.contains("id=\"\($0)\"") })
            let path = "/cases/\(id)/measure"

            // A plan that does not add up, and a malformed line: shown on the page, nothing written.
            var v = try await Self.version(client, id, t.auditor)
            let (ps, _, planPage) = try await Self.submit(
                client, auditor, path,
                [("expected_version", "\(v)"), ("command", "start_recovery"), ("owed_yuan", "3000"), ("plan", "2026-11-30 1000")])
            #expect(ps == .unprocessableContent && planPage.contains("还款计划合计") && planPage.contains("案件 \(id)"))
            let (ls, _, linePage) = try await Self.submit(
                client, auditor, path,
                [("expected_version", "\(v)"), ("command", "start_recovery"), ("owed_yuan", "3000"), ("plan", "下个月 3000")])
            #expect(ls == .badRequest && linePage.contains("第 1 行"))
            #expect((try await Self.measures(client, id, t.auditor)["recoveries"] as? [Any])?.isEmpty == true)

            let (ss, location, _) = try await Self.submit(
                client, auditor, path,
                [
                    ("expected_version", "\(v)"), ("command", "start_recovery"), ("owed_yuan", "3000"),
                    ("plan", "2026-11-30 1000\r\n\r\n2026-12-31 2000.00"),
                ])
            #expect(ss == .seeOther && location == "/cases/\(id)#measures")
            var recoveries = try #require(try await Self.measures(client, id, t.auditor)["recoveries"] as? [[String: Any]])
            let rid = try #require(recoveries.first?["id"] as? Int)
            #expect(recoveries.first?["owed"] as? Int == 300_000 && (recoveries.first?["plan"] as? [Any])?.count == 2)

            // Two people on the same version: the second payment is refused as stale and not recorded.
            v = try await Self.version(client, id, t.auditor)
            let payment: [(String, String)] = [
                ("expected_version", "\(v)"), ("command", "record_payment"), ("recovery_id", "\(rid)"), ("amount_yuan", "1000"),
                ("received_on", "2026-11-28"),
            ]
            #expect(try await Self.submit(client, auditor, path, payment).0 == .seeOther)
            let (staleStatus, _, stalePage) = try await Self.submit(client, auditor, path, payment)
            #expect(staleStatus == .conflict && stalePage.contains("已被他人修改"))
            recoveries = try #require(try await Self.measures(client, id, t.auditor)["recoveries"] as? [[String: Any]])
            #expect(recoveries.first?["received"] as? Int == 100_000)
            let (bs, _, badAmount) = try await Self.submit(
                client, auditor, path,
                [("expected_version", "\(v + 1)"), ("command", "record_payment"), ("recovery_id", "\(rid)"), ("amount_yuan", "一千"),
                 ("received_on", "2026-11-28")])
            #expect(bs == .badRequest && badAmount.contains("不是有效金额"))
            let (os, _, overPage) = try await Self.submit(
                client, auditor, path,
                [("expected_version", "\(v + 1)"), ("command", "record_payment"), ("recovery_id", "\(rid)"), ("amount_yuan", "2000.01"),
                 ("received_on", "2026-11-28")])
            #expect(os == .unprocessableContent && overPage.contains("超过尚欠金额"))
            #expect(try await Self.page(client, auditor, "/cases/\(id)").contains("尚欠 2,000.00 元"))

            // The supervisor proposes a write-off; approving it himself is refused, the city leader approves.
            let supervisor = try await client.signIn("lixia.supervisor")
            v = try await Self.version(client, id, t.auditor)
            let (ws, _, _) = try await Self.submit(
                client, supervisor, path,
                [("expected_version", "\(v)"), ("command", "propose_write_off"), ("recovery_id", "\(rid)"), ("amount_yuan", "500"),
                 ("reason", "当事人家属无力偿还部分")])
            #expect(ws == .seeOther)
            let pending = try await Self.page(client, supervisor, "/cases/\(id)")
            #expect(pending.contains("申请核销 500.00 元") && !pending.contains("approve-form"))
            let (selfStatus, _, selfPage) = try await Self.submit(
                client, supervisor, path, [("expected_version", "\(v + 1)"), ("command", "approve_write_off"), ("recovery_id", "\(rid)")])
            #expect(selfStatus == .forbidden && selfPage.contains("以外的另一人批准"))
            let auditorTry = try await Self.submit(
                client, auditor, path, [("expected_version", "\(v + 1)"), ("command", "approve_write_off"), ("recovery_id", "\(rid)")])
            #expect(auditorTry.0 == .forbidden && auditorTry.2.contains("核销须由科长/主管或领导批准"))
            let leader = try await client.signIn("jinan.leader")
            let leaderPage = try await Self.page(client, leader, "/cases/\(id)")
            #expect(leaderPage.contains("approve-form") && !leaderPage.contains("id=\"recovery-form\""))
            let (as_, _, _) = try await Self.submit(
                client, leader, path, [("expected_version", "\(v + 1)"), ("command", "approve_write_off"), ("recovery_id", "\(rid)")])
            #expect(as_ == .seeOther)
            recoveries = try #require(try await Self.measures(client, id, t.auditor)["recoveries"] as? [[String: Any]])
            #expect(recoveries.first?["written_off"] as? Int == 50_000 && recoveries.first?["outstanding"] as? Int == 150_000)
            #expect(recoveries.first?["write_off_approved_by"] as? String == "user/jinan.leader")
            #expect(try await Self.page(client, auditor, "/cases/\(id)").contains("已核销 500.00 元（user/jinan.leader 批准"))

            // The history records each step in the ledger.
            let (_, detail) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)", t.auditor)
            let actions = try #require(detail["history"] as? [[String: Any]]).compactMap { $0["action"] as? String }
            #expect(Array(actions.suffix(4)) == ["start_recovery", "record_payment", "propose_write_off", "write_off"])

            // Another county's auditor cannot reach the form; a form without its CSRF token is refused.
            let outsider = try await client.signIn("shizhong.auditor")
            #expect(try await Self.submit(client, outsider, path, payment).0 == .notFound)
            try await client.execute(
                uri: path, method: .post, headers: auditor.formHeaders(),
                body: ByteBuffer(string: "expected_version=\(v)&command=record_payment&recovery_id=\(rid)&amount_yuan=1&received_on=2026-11-29")
            ) { #expect($0.status == .forbidden) }
        }
    }

    @Test func freezeBlacklistReferralAppealAndReopenOnTheCasePage() async throws {
        let world = try await TestWorld()
        let t = try await CaseAPITests.Tokens(world)
        let person = try #require(world.persons["370102"]).value
        try await world.test { client in
            let id = try await Self.decidedCase(client, world, t)
            let auditor = try await client.signIn("lixia.auditor")
            let path = "/cases/\(id)/measure"
            func step(_ browser: Browser, _ fields: [(String, String)], expect: HTTPResponse.Status = .seeOther) async throws -> String {
                let v = try await Self.version(client, id, t.auditor)
                let (s, _, html) = try await Self.submit(client, browser, path, [("expected_version", "\(v)")] + fields)
                #expect(s == expect, "\(fields) → \(s)")
                return html
            }
            func act(_ browser: Browser, _ fields: [(String, String)], expect: HTTPResponse.Status = .seeOther) async throws -> String {
                let v = try await Self.version(client, id, t.auditor)
                let (s, _, html) = try await Self.submit(client, browser, "/cases/\(id)/action", [("expected_version", "\(v)")] + fields)
                #expect(s == expect, "\(fields) → \(s)")
                return html
            }
            // Freeze: ordered → acknowledged → frozen → released, the account masked on the page.
            let missing = try await step(auditor, [("command", "order_freeze"), ("bank", "工商银行历下支行"), ("account", " ")], expect: .unprocessableContent)
            #expect(missing.contains("开户银行和账号"))
            _ = try await step(auditor, [("command", "order_freeze"), ("bank", "工商银行历下支行"), ("account", "6222020200112233445")])
            let fid = try #require((try await Self.measures(client, id, t.auditor)["freezes"] as? [[String: Any]])?.first?["id"] as? Int)
            let ordered = try await Self.page(client, auditor, "/cases/\(id)")
            #expect(ordered.contains("已发冻结通知") && !ordered.contains("6222020200112233445"))
            let early = try await step(
                auditor, [("command", "advance_freeze"), ("freeze_id", "\(fid)"), ("event", "confirm_frozen")], expect: .conflict)
            #expect(early.contains("不能执行"))
            for event in ["acknowledge", "confirm_frozen", "release"] {
                _ = try await step(auditor, [("command", "advance_freeze"), ("freeze_id", "\(fid)"), ("event", event)])
            }
            #expect(try await Self.page(client, auditor, "/cases/\(id)").contains("已解冻"))

            // Blacklist: the case's own person unless another is typed; a period that ends first is refused.
            let backwards = try await step(
                auditor,
                [("command", "blacklist"), ("subject_kind", "person"), ("reason", "冒领养老金"), ("start", "2026-12-01"), ("end", "2026-01-01")],
                expect: .unprocessableContent)
            #expect(backwards.contains("早于开始日期"))
            _ = try await step(
                auditor,
                [("command", "blacklist"), ("subject_kind", "person"), ("reason", "冒领养老金，联合惩戒"), ("start", "2026-10-01"), ("end", "2029-09-30")])
            let listed = try #require((try await Self.measures(client, id, t.auditor)["blacklist"] as? [[String: Any]])?.first)
            let listedID = try #require(listed["id"] as? Int)
            let held = try await world.database.activeBlacklistEntries(subjectIDs: [person], on: CivilDate(year: 2027, month: 1, day: 1)!)
            #expect(held.count == 1 && held.first?.id == Int64(listedID))
            let listedPage = try await Self.page(client, auditor, "/cases/\(id)")
            #expect(listedPage.contains("2029-09-30") && !listedPage.contains(person))

            // Referral: sent → received → feedback.
            _ = try await step(auditor, [("command", "send_referral"), ("authority", "济南市公安局经侦支队"), ("facts", "死亡后冒领养老金 3 万余元")])
            let refid = try #require((try await Self.measures(client, id, t.auditor)["referrals"] as? [[String: Any]])?.first?["id"] as? Int)
            let noFeedbackYet = try await step(
                auditor, [("command", "referral_feedback"), ("referral_id", "\(refid)"), ("feedback", "已立案侦查")], expect: .conflict)
            #expect(noFeedbackYet.contains("须先登记对方接收"))
            _ = try await step(auditor, [("command", "referral_received"), ("referral_id", "\(refid)")])
            _ = try await step(auditor, [("command", "referral_feedback"), ("referral_id", "\(refid)"), ("feedback", "已立案侦查，案号济公经〔2026〕88号")])
            #expect(try await Self.page(client, auditor, "/cases/\(id)").contains("对方反馈：已立案侦查"))
            let unknown = try await step(auditor, [("command", "referral_received"), ("referral_id", "999")], expect: .unprocessableContent)
            #expect(unknown.contains("没有编号为 999"))

            // Appeal: lodged on its form; the decider may not review it, a reviewer upholds it.
            #expect(try await Self.page(client, auditor, "/cases/\(id)").contains("id=\"appeal-form\""))
            _ = try await act(auditor, [("action", "lodge_appeal"), ("reason", "当事人称已退回部分款项")])
            let supervisor = try await client.signIn("lixia.supervisor")
            let decider = try await act(supervisor, [("action", "review_appeal"), ("upheld", "true"), ("reason", "维持原决定")], expect: .forbidden)
            #expect(decider.contains("另一人复核"))
            let reviewer = try await client.signIn("lixia.reviewer")
            #expect(try await Self.page(client, reviewer, "/cases/\(id)").contains("id=\"appeal-review-form\""))
            _ = try await act(reviewer, [("action", "review_appeal"), ("upheld", "true"), ("reason", "证据确凿，维持原决定")])
            // Enforcement, closed (every measure finished), then reopened by the supervisor.
            _ = try await act(auditor, [("action", "start_enforcement")])
            _ = try await act(reviewer, [("action", "close"), ("reason", "冻结已解除，移送已反馈，结案")])
            let closedPage = try await Self.page(client, supervisor, "/cases/\(id)")
            #expect(closedPage.contains("id=\"reopen-form\"") && !closedPage.contains("id=\"recovery-form\""))
            #expect(try await step(auditor, [("command", "order_freeze"), ("bank", "建设银行"), ("account", "6217000011112222")], expect: .conflict)
                .contains("须作出处理决定后"))
            _ = try await act(supervisor, [("action", "reopen"), ("reason", "发现新的冒领记录")])
            let (_, detail) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)", t.auditor)
            #expect((detail["case"] as? [String: Any])?["state"] as? String == "verification")
        }
    }
}
