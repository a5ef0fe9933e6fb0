import Collaboration
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import Storage
import Testing
import WebApp

@Suite("Collaboration API: roles, regions and departments")
struct CollaborationAPITests {
    @Test func verificationRequestFromSendToAnswerAcrossSides() async throws {
        let c = try await CollaborationWorld()
        let caseID = try await c.openCase()
        try await c.world.test { client in
            try await c.assignDepartments(client)
            // Only an administrator names a liaison's department.
            let (denied, _) = try await c.call(
                client, .put, "/api/v1/liaisons/qingdao.civil", as: "lixia.supervisor", json: #"{"department": "tax"}"#)
            #expect(denied == .forbidden)

            let (created, body) = try await c.call(client, .post, "/api/v1/verification-requests", as: "lixia.auditor", json: c.deathRequestJSON(caseID: caseID))
            #expect(created == .created)
            #expect(body["state"] as? String == "sent")
            #expect(body["department"] as? String == "civil_affairs")
            let subject = try #require(body["subject"] as? [String: Any])
            #expect(subject["id_number"] as? String != c.subjectID)
            #expect(subject["name"] as? String == "张**")
            let id = try #require(body["id"] as? Int)

            // Who sees it: the sender's subtree and the addressed department; nobody else.
            for (user, count) in [
                ("lixia.auditor", 1), ("jinan.leader", 1), ("qingdao.civil", 1), ("shizhong.auditor", 0),
                ("qingdao.police", 0), ("shinan.auditor", 0),
            ] {
                let (status, list) = try await c.call(client, .get, "/api/v1/verification-requests", as: user)
                #expect(status == .ok, "\(user)")
                #expect(list["count"] as? Int == count, "\(user)")
                let (detail, _) = try await c.call(client, .get, "/api/v1/verification-requests/\(id)", as: user)
                #expect(detail == (count == 1 ? .ok : .notFound), "\(user)")
            }
            let (noDepartment, _) = try await c.call(client, .get, "/api/v1/verification-requests", as: "qingdao.nodept")
            #expect(noDepartment == .forbidden)

            // Only the addressed department answers; the sender cannot, nor a liaison unassigned.
            let answer = #"{"finding": {"kind": "death_status", "status": "dead", "date": "2026-05-03"}, "officer": "王科员", "source_document": "死亡证明 No.17", "expected_version": 2}"#
            #expect(try await c.call(client, .post, "/api/v1/verification-requests/\(id)/answer", as: "lixia.auditor", json: answer).0 == .forbidden)
            #expect(try await c.call(client, .post, "/api/v1/verification-requests/\(id)/answer", as: "qingdao.police", json: answer).0 == .notFound)
            // A finding that does not fit is refused with the field named.
            let (mismatch, m) = try await c.call(
                client, .post, "/api/v1/verification-requests/\(id)/answer", as: "qingdao.civil",
                json: #"{"finding": {"kind": "identity_check", "status": "not_found"}, "officer": "王", "source_document": "x"}"#)
            #expect(mismatch == .unprocessableContent)
            #expect(m["code"] as? String == "answer_mismatch")
            let (malformed, bad) = try await c.call(
                client, .post, "/api/v1/verification-requests/\(id)/answer", as: "qingdao.civil",
                json: #"{"finding": {"kind": "death_status", "status": "dead"}, "officer": "王", "source_document": "x"}"#)
            #expect(malformed == .badRequest)
            #expect((bad["message"] as? String)?.contains("finding.date") == true)

            let (answered, a) = try await c.call(client, .post, "/api/v1/verification-requests/\(id)/answer", as: "qingdao.civil", json: answer)
            #expect(answered == .ok)
            #expect(a["state"] as? String == "answered")
            #expect(a["answer_summary"] as? String == "已死亡，死亡日期 2026-05-03")
            // A second answer with the old version is a conflict.
            let (again, g) = try await c.call(client, .post, "/api/v1/verification-requests/\(id)/answer", as: "qingdao.civil", json: answer)
            #expect(again == .conflict)
            #expect(g["code"] as? String == "stale_version")

            // The liaison cannot close; the sender closes; the history shows each step with its ledger entry.
            #expect(try await c.call(client, .post, "/api/v1/verification-requests/\(id)/actions", as: "qingdao.civil", json: #"{"action": "close"}"#).0 == .forbidden)
            let (closed, cl) = try await c.call(client, .post, "/api/v1/verification-requests/\(id)/actions", as: "lixia.auditor", json: #"{"action": "close", "note": "已入卷"}"#)
            #expect(closed == .ok)
            #expect(cl["state"] as? String == "closed")
            let (_, detail) = try await c.call(client, .get, "/api/v1/verification-requests/\(id)", as: "lixia.auditor")
            let history = try #require(detail["history"] as? [[String: Any]])
            #expect(history.map { $0["action"] as? String } == ["create", "send", "answer", "close"])
            #expect(history.allSatisfy { ($0["ledger_index"] as? Int) != nil })
        }
        // The answer went into the case's evidence: an `evidence` entry about the case.
        var found = false
        for i in 0..<c.world.trail.size {
            let entry = String(decoding: try c.world.trail.entry(at: i), as: UTF8.self)
            if entry.contains("\"subject\":\"case/\(caseID)") && entry.contains("evidence") { found = true }
        }
        #expect(found)
    }

    @Test func badRequestsAreRefusedWithWhatToDo() async throws {
        let c = try await CollaborationWorld()
        try await c.world.test { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"case_id": "C", "kind": "identity_check", "department": "civil_affairs", "addressee_region": "370202", "subject": {"id_number": "\#(c.subjectID)"}}"#, .unprocessableContent, "wrong_department"),
                (#"{"case_id": "C", "kind": "death_status", "addressee_region": "379999", "subject": {"id_number": "\#(c.subjectID)"}}"#, .unprocessableContent, "unknown_region"),
                (#"{"case_id": "C", "kind": "death_status", "addressee_region": "370202", "subject": {"id_number": "42"}}"#, .unprocessableContent, "invalid_input"),
                (#"{"case_id": "C", "kind": "death_certificate", "addressee_region": "370202", "subject": {"id_number": "42"}}"#, .badRequest, "invalid_body"),
                (#"{"case_id": "C", "kind": "death_status", "sender_region": "370202", "addressee_region": "370202", "subject": {"id_number": "\#(c.subjectID)"}}"#, .forbidden, "forbidden"),
            ]
            for (json, status, code) in cases {
                let (s, body) = try await c.call(client, .post, "/api/v1/verification-requests", as: "lixia.auditor", json: json)
                #expect(s == status, "\(json)")
                #expect(body["code"] as? String == code, "\(json)")
                #expect((body["message"] as? String)?.isEmpty == false)
            }
            // A leader reads but does not send; a token without the scope cannot send.
            #expect(try await c.call(client, .post, "/api/v1/verification-requests", as: "jinan.leader", json: c.deathRequestJSON(caseID: try await c.openCase())).0 == .forbidden)
            let readOnly = try await c.world.token("lixia.auditor2")
            try await client.execute(
                uri: "/api/v1/verification-requests", method: .post,
                headers: [.authorization: "Bearer \(readOnly)", .contentType: "application/json"],
                body: ByteBuffer(string: c.deathRequestJSON(caseID: try await c.openCase()))
            ) { #expect($0.status == .forbidden) }
            // No credentials: 401.
            try await client.execute(uri: "/api/v1/clues", method: .get) { #expect($0.status == .unauthorized) }
            // The sender may not unmask the subject; the addressed department may, and it is logged.
            let (_, created) = try await c.call(client, .post, "/api/v1/verification-requests", as: "lixia.auditor", json: c.deathRequestJSON(caseID: try await c.openCase()))
            let id = try #require(created["id"] as? Int)
            #expect(try await c.call(client, .get, "/api/v1/verification-requests/\(id)?reveal=true", as: "lixia.auditor").0 == .forbidden)
            try await c.assignDepartments(client)
            let before = c.world.trail.size
            let (ok, shown) = try await c.call(client, .get, "/api/v1/verification-requests/\(id)?reveal=true", as: "qingdao.civil")
            #expect(ok == .ok)
            #expect((shown["request"] as? [String: Any]).flatMap { $0["subject"] as? [String: Any] }?["id_number"] as? String == c.subjectID)
            #expect(c.world.trail.size == before + 1)
        }
    }

    @Test func theDeadlineSweepRemindsMarksOverdueAndEscalates() async throws {
        let c = try await CollaborationWorld()
        try await c.world.test { client in
            let (_, created) = try await c.call(client, .post, "/api/v1/verification-requests", as: "lixia.auditor", json: c.deathRequestJSON(caseID: try await c.openCase()))
            let id = try #require(created["id"] as? Int)
            #expect(try await c.call(client, .post, "/api/v1/verification-deadlines/sweep", as: "lixia.supervisor").0 == .forbidden)
            c.world.clock.advance(5 * 86_400)
            let (_, first) = try await c.call(client, .post, "/api/v1/verification-deadlines/sweep", as: "nation.admin")
            let reminders = try #require(first["notices"] as? [[String: Any]])
            #expect(reminders.map { $0["effect"] as? String } == ["remind_department:2"])
            #expect(reminders.first?["region_code"] as? String == "370202")
            c.world.clock.advance(10 * 86_400)
            let (_, second) = try await c.call(client, .post, "/api/v1/verification-deadlines/sweep", as: "nation.admin")
            let notices = try #require(second["notices"] as? [[String: Any]])
            #expect(notices.map { $0["effect"] as? String } == ["overdue", "escalate:1", "escalate:2"])
            // Level 2 goes to the region above the sender: 济南市.
            #expect(notices.last?["region_code"] as? String == "370100")
            let (_, detail) = try await c.call(client, .get, "/api/v1/verification-requests/\(id)", as: "lixia.auditor")
            let request = try #require(detail["request"] as? [String: Any])
            #expect(request["state"] as? String == "overdue")
            #expect(request["escalation_level"] as? Int == 2)
        }
    }

    @Test func cluesBetweenCountiesBothSidesSeeTheStatus() async throws {
        let c = try await CollaborationWorld()
        try await c.world.test { client in
            let json = #"{"to_region": "370202", "subject": {"id_number": "\#(c.subjectID)", "name": "张三丰"}, "summary": "张三丰户籍在市南区，疑似死亡后冒领", "rule_id": "pension_after_death", "amount_fen": 360000}"#
            let (own, o) = try await c.call(client, .post, "/api/v1/clues", as: "lixia.auditor", json: json.replacingOccurrences(of: "370202", with: "370102"))
            #expect(own == .unprocessableContent)
            #expect(o["code"] as? String == "own_region")
            let (unknown, _) = try await c.call(client, .post, "/api/v1/clues", as: "lixia.auditor", json: json.replacingOccurrences(of: "370202", with: "379999"))
            #expect(unknown == .unprocessableContent)

            let (sent, clue) = try await c.call(client, .post, "/api/v1/clues", as: "lixia.auditor", json: json)
            #expect(sent == .created)
            #expect(clue["direction"] as? String == "outgoing")
            #expect((clue["summary"] as? String)?.contains("张三丰") == false)
            let id = try #require(clue["id"] as? Int)

            let (_, incoming) = try await c.call(client, .get, "/api/v1/clues?direction=incoming", as: "shinan.auditor")
            #expect(incoming["count"] as? Int == 1)
            let (_, none) = try await c.call(client, .get, "/api/v1/clues", as: "shizhong.auditor")
            #expect(none["count"] as? Int == 0)
            #expect(try await c.call(client, .get, "/api/v1/clues/\(id)", as: "shizhong.auditor").0 == .notFound)
            #expect(try await c.call(client, .get, "/api/v1/clues", as: "qingdao.civil").0 == .forbidden)

            // The sender cannot accept its own clue; the receiver returns it with a reason.
            #expect(try await c.call(client, .post, "/api/v1/clues/\(id)/actions", as: "lixia.auditor", json: #"{"action": "accept"}"#).0 == .forbidden)
            let (noReason, r) = try await c.call(client, .post, "/api/v1/clues/\(id)/actions", as: "shinan.auditor", json: #"{"action": "return"}"#)
            #expect(noReason == .unprocessableContent)
            #expect(r["code"] as? String == "reason_required")
            let (returned, back) = try await c.call(client, .post, "/api/v1/clues/\(id)/actions", as: "shinan.auditor", json: #"{"action": "return", "reason": "当事人已迁回历下区"}"#)
            #expect(returned == .ok)
            #expect(back["state"] as? String == "returned")
            // The sender sees the status and the reason.
            let (_, seen) = try await c.call(client, .get, "/api/v1/clues/\(id)", as: "lixia.auditor")
            let view = try #require(seen["clue"] as? [String: Any])
            #expect(view["state"] as? String == "returned")
            #expect(view["reason"] as? String == "当事人已迁回历下区")
            #expect((seen["history"] as? [[String: Any]])?.count == 2)
            #expect(try await c.call(client, .post, "/api/v1/clues/\(id)/actions", as: "shinan.auditor", json: #"{"action": "accept"}"#).0 == .conflict)
        }
    }

    @Test func outcomesReportAndRectification() async throws {
        let c = try await CollaborationWorld()
        try await c.world.test { client in
            for (i, delay) in [90, 75, 120, 20].enumerated() {
                let json = #"{"case_id": "LX-\#(i)", "rule_id": "pension_after_death", "region_code": "370102", "verdict": "confirmed_fraud", "decided_on": "2026-08-0\#(i + 1)", "amount_fen": 300000, "registration_delay_days": \#(delay), "channel": "bank"}"#
                #expect(try await c.call(client, .post, "/api/v1/outcomes", as: "lixia.auditor", json: json).0 == .created)
            }
            // Another county's outcome cannot be recorded from here.
            let foreign = #"{"case_id": "SZ-1", "rule_id": "pension_after_death", "region_code": "370103", "verdict": "no_issue", "decided_on": "2026-08-01"}"#
            #expect(try await c.call(client, .post, "/api/v1/outcomes", as: "lixia.auditor", json: foreign).0 == .forbidden)
            #expect(try await c.call(client, .post, "/api/v1/outcomes", as: "shizhong.auditor", json: foreign).0 == .created)

            let (ok, report) = try await c.call(client, .get, "/api/v1/feedback/report?from=2026-01-01&to=2026-09-21", as: "jinan.leader")
            #expect(ok == .ok)
            #expect(report["total_cases"] as? Int == 5)
            let suggestions = try #require(report["suggestions"] as? [[String: Any]])
            #expect(suggestions.map { $0["key"] as? String } == ["late_death_registration:370102"])
            #expect((suggestions.first?["observation"] as? String)?.contains("3 宗（75%）") == true)
            let precision = try #require(report["precision"] as? [[String: Any]])
            #expect(precision.first?["decided"] as? Int == 5)
            let (_, shizhong) = try await c.call(client, .get, "/api/v1/feedback/report?from=2026-01-01&to=2026-09-21", as: "shizhong.auditor")
            #expect(shizhong["total_cases"] as? Int == 1)
            #expect(try await c.call(client, .get, "/api/v1/feedback/report?from=2026-13-01", as: "jinan.leader").0 == .badRequest)

            // The supervisor turns the suggestion into a task; a made-up key is refused.
            let task = #"{"suggestion_key": "late_death_registration:370102", "from": "2026-01-01", "to": "2026-09-21", "owner": "user/lixia.auditor", "deadline": "2026-12-31"}"#
            #expect(try await c.call(client, .post, "/api/v1/rectifications", as: "lixia.auditor", json: task).0 == .forbidden)
            let (fake, _) = try await c.call(client, .post, "/api/v1/rectifications", as: "lixia.supervisor", json: task.replacingOccurrences(of: "370102\"", with: "370103\""))
            #expect(fake == .unprocessableContent)
            let (created, t) = try await c.call(client, .post, "/api/v1/rectifications", as: "lixia.supervisor", json: task)
            #expect(created == .created)
            let id = try #require(t["id"] as? Int)
            #expect(t["state"] as? String == "open")

            func act(_ user: String, _ json: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await c.call(client, .post, "/api/v1/rectifications/\(id)/actions", as: user, json: json)
            }
            #expect(try await act("lixia.reviewer", #"{"action": "start"}"#).0 == .conflict)
            #expect(try await act("lixia.auditor", #"{"action": "start"}"#).0 == .ok)
            #expect(try await act("lixia.auditor", #"{"action": "submit", "report": "已建立每月 5 日死亡数据比对"}"#).0 == .ok)
            // The owner (an auditor) may not verify; a reviewer verifies.
            #expect(try await act("lixia.auditor", #"{"action": "verify"}"#).0 == .forbidden)
            #expect(try await act("shizhong.auditor", #"{"action": "start"}"#).0 == .notFound)
            let (verified, v) = try await act("lixia.reviewer", #"{"action": "verify", "note": "记录齐全"}"#)
            #expect(verified == .ok)
            #expect(v["state"] as? String == "verified")
            let (_, list) = try await c.call(client, .get, "/api/v1/rectifications", as: "jinan.leader")
            #expect(list["count"] as? Int == 1)
            let (_, other) = try await c.call(client, .get, "/api/v1/rectifications", as: "shizhong.auditor")
            #expect(other["count"] as? Int == 0)
        }
    }
}
