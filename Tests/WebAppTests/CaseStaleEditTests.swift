import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

/// Optimistic locking on every writing step beside the workflow's own (tested in
/// `CaseAPITests`): two people working from the same version, the second is refused with 409
/// `stale_version` and nothing of theirs is written — enforcement measures and payments through
/// the API, a verification request's close, a clue's accept.
@Suite struct CaseStaleEditTests {
    @Test func theSecondOfTwoEditsOnOneVersionIsRefused() async throws {
        let c = try await CollaborationWorld()
        let world = c.world
        let t = try await CaseAPITests.Tokens(world, seeds: 300)
        try await world.test { client in
            let id = try await CaseEnforcementPagesTests.decidedCase(client, world, t)
            let v = try await CaseEnforcementPagesTests.version(client, id, t.auditor)
            // Two recoveries started from the same version: one is kept.
            let first = #"{"command": "start_recovery", "owed": 300000, "expected_version": \#(v)}"#
            #expect(try await CaseAPITests.post(client, "/api/v1/cases/\(id)/measures", t.auditor, first).0 == .ok)
            let (ss, stale) = try await CaseAPITests.post(
                client, "/api/v1/cases/\(id)/measures", t.auditor2, #"{"command": "start_recovery", "owed": 500000, "expected_version": \#(v)}"#)
            #expect(ss == .conflict && stale["code"] as? String == "stale_version")
            #expect((stale["message"] as? String)?.contains("已被他人修改") == true)
            var recoveries = try #require(try await CaseEnforcementPagesTests.measures(client, id, t.auditor)["recoveries"] as? [[String: Any]])
            #expect(recoveries.count == 1 && recoveries.first?["owed"] as? Int == 300_000)
            let rid = try #require(recoveries.first?["id"] as? Int)
            // Two payments entered from the same version.
            let paid = #"{"amount": 100000, "received_on": "2026-10-01", "expected_version": \#(v + 1)}"#
            #expect(try await CaseAPITests.post(client, "/api/v1/cases/\(id)/recoveries/\(rid)/payments", t.auditor, paid).0 == .created)
            #expect(try await CaseAPITests.post(client, "/api/v1/cases/\(id)/recoveries/\(rid)/payments", t.auditor2, paid).0 == .conflict)
            recoveries = try #require(try await CaseEnforcementPagesTests.measures(client, id, t.auditor)["recoveries"] as? [[String: Any]])
            #expect(recoveries.first?["received"] as? Int == 100_000)

            // A verification request closed by one person and withdrawn by another from the same version.
            try await c.assignDepartments(client)
            let (_, request) = try await c.call(client, .post, "/api/v1/verification-requests", as: "lixia.auditor", json: c.deathRequestJSON(caseID: id))
            let rq = try #require(request["id"] as? Int)
            let rv = try #require(request["version"] as? Int)
            let (ws, _) = try await c.call(
                client, .post, "/api/v1/verification-requests/\(rq)/actions", as: "lixia.auditor",
                json: #"{"action": "withdraw", "reason": "案件已查清，无需协查", "expected_version": \#(rv)}"#)
            #expect(ws == .ok)
            let (again, body) = try await c.call(
                client, .post, "/api/v1/verification-requests/\(rq)/actions", as: "lixia.reviewer",
                json: #"{"action": "withdraw", "reason": "另一人同时撤回", "expected_version": \#(rv)}"#)
            #expect(again == .conflict && body["code"] as? String == "stale_version")

            // A clue accepted from a version someone else has moved on.
            let (_, clue) = try await c.call(
                client, .post, "/api/v1/clues", as: "lixia.auditor",
                json: #"{"to_region": "370202", "subject": {"id_number": "\#(c.subjectID)"}, "summary": "在青岛市南区领取养老金，户籍地已登记死亡"}"#)
            let clueID = try #require(clue["id"] as? Int)
            let cv = try #require(clue["version"] as? Int)
            let (rs, _) = try await c.call(
                client, .post, "/api/v1/clues/\(clueID)/actions", as: "shinan.auditor",
                json: #"{"action": "return", "reason": "此人不在本区领取待遇", "expected_version": \#(cv)}"#)
            #expect(rs == .ok)
            let (cs, cbody) = try await c.call(
                client, .post, "/api/v1/clues/\(clueID)/actions", as: "shinan.auditor",
                json: #"{"action": "accept", "expected_version": \#(cv)}"#)
            #expect(cs == .conflict && cbody["code"] as? String == "stale_version")
            let (_, detail) = try await c.call(client, .get, "/api/v1/clues/\(clueID)", as: "shinan.auditor")
            #expect((detail["clue"] as? [String: Any])?["state"] as? String == "returned")
        }
    }
}
