import FundWatchCore
import GRDB
import NIOCore
import HTTPTypes
import Foundation
import Hummingbird
import HummingbirdTesting
import Ledger
import Storage
import Testing
import WebApp

@Suite("Alert workflow: actions, mandatory second review, ledger")
struct AlertWorkflowTests {
    let auditor = AlertWorkflow.Actor(name: "user/a", role: .auditor)
    let reviewer = AlertWorkflow.Actor(name: "user/r", role: .reviewer)

    @Test func theStateMachineFollowsTheWorkflow() throws {
        let w = AlertWorkflow()
        var s = AlertWorkflow.State(status: .new, severity: "yellow")
        s = try w.apply(.acknowledge, to: s, by: auditor).get()
        #expect(s.status == .acknowledged)
        #expect(throws: WebStoreError.self) { try w.apply(.acknowledge, to: s, by: auditor).get() }
        s = try w.apply(.assign(to: "张科员"), to: s, by: auditor).get()
        #expect(s.status == .assigned && s.assignee == "张科员")
        let c = try w.apply(.openCase, to: s, by: auditor).get()
        #expect(c.status == .case)
        #expect(throws: WebStoreError.self) { try w.apply(.dismiss(reason: "不是问题的理由"), to: c, by: auditor).get() }
        // A yellow alert is dismissed by one person, but only with a written reason.
        #expect(throws: WebStoreError.self) { try w.apply(.dismiss(reason: "  "), to: s, by: auditor).get() }
        #expect(try w.apply(.dismiss(reason: "已核实为正常发放"), to: s, by: auditor).get().status == .dismissed)
        // A leader acts on nothing.
        #expect(throws: WebStoreError.self) {
            try w.apply(.acknowledge, to: .init(status: .new, severity: "red"), by: .init(name: "user/l", role: .leader)).get()
        }
    }

    @Test func aRedAlertNeedsASecondPersonToBeDismissed() throws {
        let w = AlertWorkflow()
        let red = AlertWorkflow.State(status: .acknowledged, severity: "red")
        let proposed = try w.apply(.dismiss(reason: "经核实死亡登记有误"), to: red, by: auditor).get()
        #expect(proposed.status == .dismissalProposed)
        #expect(proposed.proposedBy == "user/a")
        // The proposer cannot confirm their own proposal, even as a reviewer.
        let selfReview = w.apply(.confirmDismissal, to: AlertWorkflow.State(status: .dismissalProposed, severity: "red", proposedBy: "user/r"), by: reviewer)
        #expect(throws: WebStoreError(.secondPersonRequired, "")) { try selfReview.get() }
        // Another auditor cannot confirm: only a reviewer or supervisor.
        #expect(throws: WebStoreError(.forbidden, "")) {
            try w.apply(.confirmDismissal, to: proposed, by: .init(name: "user/b", role: .auditor)).get()
        }
        #expect(try w.apply(.confirmDismissal, to: proposed, by: reviewer).get().status == .dismissed)
        let back = try w.apply(.rejectDismissal(reason: "证据不足，继续核查"), to: proposed, by: reviewer).get()
        #expect(back.status == .acknowledged && back.proposedBy == nil)
    }

    @Test func dismissingARedAlertThroughThePagesTakesTwoPeopleAndIsRecorded() async throws {
        let world = try await TestWorld()
        let alert = try #require(world.alerts["370102.red"])
        let sizeBefore = world.trail.size
        try await world.test { client in
            let auditor = try await client.signIn("lixia.auditor")
            func post(_ browser: Browser, _ body: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/alerts/\(alert)/action", method: .post, headers: browser.formHeaders(),
                    body: ByteBuffer(string: body + "&_csrf=\(browser.csrf)")
                ) { $0.status }
            }
            // Without a reason: refused on the alert's own page.
            #expect(try await post(auditor, "action=dismiss&reason=") == .unprocessableContent)
            #expect(try await post(auditor, "action=dismiss&reason=%E5%B7%B2%E6%A0%B8%E5%AE%9E%E6%AD%BB%E4%BA%A1%E7%99%BB%E8%AE%B0%E6%9C%89%E8%AF%AF") == .seeOther)
            #expect(try await world.database.alert(id: alert, in: RegionScope(code: "370102")!)?.status == .dismissalProposed)
            // The proposer's confirmation is refused; a second auditor's too.
            #expect(try await post(auditor, "action=confirm_dismissal") == .forbidden)
            let second = try await client.signIn("lixia.auditor2")
            #expect(try await post(second, "action=confirm_dismissal") == .forbidden)
            // A reviewer of the county confirms.
            let reviewer = try await client.signIn("lixia.reviewer")
            try await client.execute(uri: "/alerts/\(alert)", method: .get, headers: reviewer.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("复核确认排除"))
                #expect(html.contains("待另一名复核员确认"))
            }
            #expect(try await post(reviewer, "action=confirm_dismissal") == .seeOther)
        }
        let stored = try #require(try await world.database.alert(id: alert, in: RegionScope(code: "370102")!))
        #expect(stored.status == .dismissed)
        #expect(stored.reason == "已核实死亡登记有误")
        let events = try await world.database.alertEvents(alertID: alert)
        #expect(events.map(\.action) == ["dismiss", "confirm_dismissal"])
        #expect(events.map(\.actor) == ["user/lixia.auditor", "user/lixia.reviewer"])
        // Each step is a case_event entry in the ledger, and the history points at it.
        #expect(world.trail.size == sizeBefore + 2)
        for event in events {
            let index = try #require(event.ledgerIndex)
            let entry = try LedgerEntry(canonicalJSON: try world.trail.entry(at: UInt64(index)))
            #expect(entry.type == .caseEvent)
            #expect(entry.subject == "alert/\(alert)")
            #expect(entry.actor == event.actor)
        }
    }

    @Test func theAPIActsWithScopedTokens() async throws {
        let world = try await TestWorld()
        let alert = try #require(world.alerts["370102.yellow"])
        let token = try await world.token("lixia.supervisor", scopes: ["read", "alerts:write"])
        try await world.test { client in
            try await client.execute(
                uri: "/api/v1/alerts/\(alert)/actions", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"action":"assign","assignee":"lixia.auditor"}"#)
            ) { response in
                #expect(response.status == .ok)
                let body = try client.json(response)
                #expect(body["status"] as? String == "assigned")
                #expect(body["assignee"] as? String == "lixia.auditor")
            }
            try await client.execute(
                uri: "/api/v1/alerts/\(alert)/actions", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"action":"acknowledge"}"#)
            ) { response in
                #expect(response.status == .conflict)
                #expect(client.code(response) == "invalid_transition")
            }
            try await client.execute(
                uri: "/api/v1/alerts?status=assigned", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { response in
                let alerts = try #require(try client.json(response)["alerts"] as? [[String: Any]])
                #expect(alerts.map { $0["id"] as? Int } == [Int(alert)])
            }
            try await client.execute(uri: "/api/v1/alerts/\(alert)", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                let history = try #require(try client.json(response)["history"] as? [[String: Any]])
                #expect(history.count == 1)
                #expect(history.first?["to_status"] as? String == "assigned")
            }
        }
    }
}
