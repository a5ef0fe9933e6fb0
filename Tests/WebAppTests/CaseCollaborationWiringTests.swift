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

/// Collaboration wired to casework: an answer becomes case evidence, an accepted clue opens a
/// case in the receiving region, and a decision becomes the rule's outcome, with nobody
/// entering anything twice.
@Suite struct CaseCollaborationWiringTests {
    static let allScopes: Set<String> = [
        "read", "cases:write", "verification:write", "verification:answer", "clues:write", "outcomes:write",
    ]

    static func token(_ c: CollaborationWorld, _ name: String, seed: UInt64) async throws -> String {
        try await CaseAPITests.token(c.world, name, seed: 500 + seed, scopes: allScopes)
    }

    @Test func aVerificationAnswerBecomesEvidenceOfTheCase() async throws {
        let c = try await CollaborationWorld()
        let auditor = try await Self.token(c, "lixia.auditor", seed: 1)
        let alert = try #require(c.world.alerts["370102.red"])
        try await c.world.test { client in
            let (opened, body) = try await CaseAPITests.post(client, "/api/v1/cases", auditor, #"{"alert_ids": [\#(alert)]}"#)
            #expect(opened == .created)
            let caseID = try #require(body["id"] as? String)
            try await c.assignDepartments(client)
            let (created, request) = try await CaseAPITests.post(
                client, "/api/v1/verification-requests", auditor, c.deathRequestJSON(caseID: caseID))
            #expect(created == .created)
            let requestID = try #require(request["id"] as? Int)
            let (answered, _) = try await c.call(
                client, .post, "/api/v1/verification-requests/\(requestID)/answer", as: "qingdao.civil",
                json: #"{"finding": {"kind": "death_status", "status": "dead", "date": "2026-05-03"}, "officer": "王科员", "source_document": "死亡证明 No.17", "expected_version": 2}"#)
            #expect(answered == .ok)

            let (status, listed) = try await CaseAPITests.get(client, "/api/v1/cases/\(caseID)/evidence", auditor)
            #expect(status == .ok)
            let items = try #require(listed["evidence"] as? [[String: Any]])
            let item = try #require(items.first { $0["source"] as? String == "verification/\(requestID)" })
            #expect(item["kind"] as? String == "note")
            #expect((item["title"] as? String)?.contains("民政") == true)
            let text = try #require(item["text"] as? String)
            #expect(text.contains("死亡证明 No.17"))
            // The subject's ID number is masked in the case file.
            #expect(!text.contains(c.subjectID))
            // The item is in the ledger under the case, and the entry holds the note's hash.
            let index = try #require(item["ledger_index"] as? Int)
            let entry = try LedgerEntry(canonicalJSON: try c.world.trail.entry(at: UInt64(index)))
            #expect(entry.type == .evidence)
            let itemID = try #require(item["id"] as? Int)
            #expect(entry.subject == "case/\(caseID)/evidence/\(itemID)")
            #expect(entry.payloadSHA256 == item["sha256"] as? String)
            #expect(AuditTrail.sha256Hex(Data(text.utf8)) == item["sha256"] as? String)
        }
    }

    @Test func anAcceptedClueOpensACaseInTheReceivingRegion() async throws {
        let c = try await CollaborationWorld()
        let sender = try await Self.token(c, "lixia.auditor", seed: 2)
        let receiver = try await Self.token(c, "shinan.auditor", seed: 3)
        try await c.world.test { client in
            let (sent, clue) = try await CaseAPITests.post(
                client, "/api/v1/clues", sender,
                #"{"to_region": "370202", "subject": {"id_number": "\#(c.subjectID)", "name": "张三丰"}, "summary": "在青岛市南区领取待遇，户籍地已登记死亡", "rule_id": "pension_after_death", "amount_fen": 480000}"#)
            #expect(sent == .created)
            let clueID = try #require(clue["id"] as? Int)
            // The sender cannot accept its own clue, and no case is opened for it.
            #expect(try await CaseAPITests.post(client, "/api/v1/clues/\(clueID)/actions", sender, #"{"action": "accept"}"#).0 == .forbidden)

            let (accepted, body) = try await CaseAPITests.post(
                client, "/api/v1/clues/\(clueID)/actions", receiver, #"{"action": "accept", "expected_version": 1}"#)
            #expect(accepted == .ok)
            #expect(body["state"] as? String == "accepted")
            let caseID = try #require(body["receiver_case_id"] as? String)
            #expect(caseID.hasPrefix("370202-"))

            let (read, opened) = try await CaseAPITests.get(client, "/api/v1/cases/\(caseID)", receiver)
            #expect(read == .ok)
            let view = try #require(opened["case"] as? [String: Any])
            #expect(view["region_code"] as? String == "370202")
            #expect(view["state"] as? String == "clue")
            #expect(view["case_type"] as? String == "pension_after_death")
            #expect(view["amount_at_risk"] as? Int == 480_000)
            #expect((view["person"] as? String)?.contains("*") == true)
            // The sender's region sees the clue's status, not the receiver's case.
            #expect(try await CaseAPITests.get(client, "/api/v1/cases/\(caseID)", sender).0 == .notFound)
            let (_, seen) = try await CaseAPITests.get(client, "/api/v1/clues/\(clueID)", sender)
            #expect((seen["clue"] as? [String: Any])?["state"] as? String == "accepted")
            // Accepting again is refused and opens nothing more.
            #expect(try await CaseAPITests.post(client, "/api/v1/clues/\(clueID)/actions", receiver, #"{"action": "accept"}"#).0 == .conflict)
            let (_, list) = try await CaseAPITests.get(client, "/api/v1/cases", receiver)
            #expect(list["count"] as? Int == 1)
        }
    }

    @Test func decisionsAndDismissalsFeedTheRuleOutcomes() async throws {
        let c = try await CollaborationWorld()
        let auditor = try await Self.token(c, "lixia.auditor", seed: 4)
        let reviewer = try await Self.token(c, "lixia.reviewer", seed: 5)
        let supervisor = try await Self.token(c, "lixia.supervisor", seed: 6)
        let red = try #require(c.world.alerts["370102.red"])
        let yellow = try #require(c.world.alerts["370102.yellow"])
        try await c.world.test { client in
            func step(_ id: String, _ token: String, _ json: String) async throws -> [String: Any] {
                let (_, current) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)", token)
                let version = try #require((current["case"] as? [String: Any])?["version"] as? Int)
                let (s, body) = try await CaseAPITests.post(
                    client, "/api/v1/cases/\(id)/transitions", token, "{\(json), \"expected_version\": \(version)}")
                #expect(s == .ok, "\(json) → \(body)")
                return body
            }
            let (_, a) = try await CaseAPITests.post(client, "/api/v1/cases", auditor, #"{"alert_ids": [\#(red)]}"#)
            let confirmed = try #require(a["id"] as? String)
            let ruleID = try #require(a["case_type"] as? String)
            let amount = try #require(a["amount_at_risk"] as? Int)
            _ = try await step(confirmed, auditor, #""action": "start_verification""#)
            _ = try await step(confirmed, reviewer, #""action": "file_case""#)
            _ = try await step(confirmed, supervisor, #""action": "decide", "outcome": "confirmed_fraud", "summary": "查实冒领""#)

            let (_, b) = try await CaseAPITests.post(client, "/api/v1/cases", auditor, #"{"alert_ids": [\#(yellow)]}"#)
            let dismissed = try #require(b["id"] as? String)
            _ = try await step(dismissed, auditor, #""action": "start_verification""#)
            _ = try await step(dismissed, reviewer, #""action": "dismiss", "reason": "经核实系正常领取""#)

            let (status, body) = try await CaseAPITests.get(client, "/api/v1/outcomes", auditor)
            #expect(status == .ok)
            let outcomes = try #require(body["outcomes"] as? [[String: Any]])
            let byCase = Dictionary(uniqueKeysWithValues: outcomes.compactMap { o in (o["case_id"] as? String).map { ($0, o) } })
            let first = try #require(byCase[confirmed])
            #expect(first["verdict"] as? String == "confirmed_fraud")
            #expect(first["rule_id"] as? String == ruleID)
            #expect(first["amount_fen"] as? Int == amount)
            #expect(first["region_code"] as? String == "370102")
            #expect(first["decided_on"] as? String == "2026-09-21")
            let second = try #require(byCase[dismissed])
            #expect(second["verdict"] as? String == "no_issue")
            #expect(second["amount_fen"] as? Int == 0)
            #expect(outcomes.count == 2)
            // The report counts them per rule: the confirmed precision needs no hand entry.
            let (_, report) = try await CaseAPITests.get(client, "/api/v1/feedback/report", auditor)
            let precision = try #require(report["precision"] as? [[String: Any]])
            let decided = precision.reduce(0) { $0 + (($1["decided"] as? Int) ?? 0) }
            #expect(decided == 2)
            let confirmedRow = try #require(precision.first { $0["rule_id"] as? String == ruleID })
            #expect(confirmedRow["confirmed_fraud"] as? Int == 1)
            #expect(report["total_cases"] as? Int == 2)
        }
    }
}
