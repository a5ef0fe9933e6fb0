import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

/// Every API route that names a case refuses a case id nobody holds, or one outside the caller's
/// region, with a 404 JSON error (code `not_found`) and writes nothing: workflow steps, measures,
/// payments, notes, linked records, uploads, task completion, documents, verification requests
/// and a clue accepted into a named case.
@Suite struct CaseBoundaryTests {
    @Test func unknownAndOutOfRegionCaseIDsAre404JSONEverywhere() async throws {
        let c = try await CollaborationWorld()
        let world = c.world
        let auditor = try await CaseAPITests.token(world, "lixia.auditor", seed: 950, scopes: CaseCollaborationWiringTests.allScopes)
        let lixiaCase = try await c.openCase()
        let shizhongCase = try await c.openCase(region: "370103")
        try await world.test { client in
            func expect404(_ status: HTTPResponse.Status, _ body: [String: Any], _ what: String) {
                #expect(status == .notFound, "\(what)")
                #expect(body["code"] as? String == "not_found", "\(what): \(body)")
                #expect((body["message"] as? String)?.isEmpty == false, "\(what)")
            }
            let before = world.trail.size
            // The case API: an id nobody holds, and one of 市中区 seen from 历下区.
            for id in ["370102-2026-999999", shizhongCase] {
                let routes: [(String, String)] = [
                    ("/api/v1/cases/\(id)/transitions", #"{"action": "start_verification", "expected_version": 1}"#),
                    ("/api/v1/cases/\(id)/measures", #"{"command": "start_recovery", "owed": 100}"#),
                    ("/api/v1/cases/\(id)/recoveries/1/payments", #"{"amount": 100, "received_on": "2026-10-01"}"#),
                    ("/api/v1/cases/\(id)/notes", #"{"text": "越权添加的说明"}"#),
                    ("/api/v1/cases/\(id)/records", #"{"record_type": "death_record", "row_id": 1}"#),
                    ("/api/v1/cases/\(id)/tasks/1/complete", "{}"),
                    ("/api/v1/cases/\(id)/documents", #"{"kind": "audit_notice"}"#),
                ]
                for (uri, json) in routes {
                    let (s, body) = try await CaseAPITests.post(client, uri, auditor, json)
                    expect404(s, body, uri)
                }
                try await client.execute(
                    uri: "/api/v1/cases/\(id)/evidence", method: .post,
                    headers: [.authorization: "Bearer \(auditor)", .contentType: "text/plain", CaseAPITestsHeader.fileName: "a.txt"],
                    body: ByteBuffer(string: "说明")
                ) { response in
                    let body = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
                    expect404(response.status, body, "evidence upload to \(id)")
                }
                for uri in ["/api/v1/cases/\(id)", "/api/v1/cases/\(id)/evidence", "/api/v1/cases/\(id)/documents", "/api/v1/cases/\(id)/evidence-pack"] {
                    let (s, body) = try await CaseAPITests.get(client, uri, auditor)
                    expect404(s, body, uri)
                }
                // A verification request from a case the sender does not hold.
                let (vs, vbody) = try await c.call(client, .post, "/api/v1/verification-requests", as: "lixia.auditor", json: c.deathRequestJSON(caseID: id))
                expect404(vs, vbody, "verification request for \(id)")
            }
            #expect(world.trail.size == before, "a refused step wrote to the ledger")
            #expect(try await c.call(client, .get, "/api/v1/verification-requests", as: "lixia.auditor").1["count"] as? Int == 0)

            // A clue accepted into a case the receiver does not hold: 404, and the clue stays open.
            let (cs, clue) = try await c.call(
                client, .post, "/api/v1/clues", as: "lixia.auditor",
                json: #"{"to_region": "370202", "subject": {"id_number": "\#(c.subjectID)"}, "summary": "在青岛市南区领取养老金，户籍地已登记死亡"}"#)
            #expect(cs == .created)
            let clueID = try #require(clue["id"] as? Int)
            for caseID in ["370202-2026-999999", lixiaCase] {
                let (s, body) = try await c.call(
                    client, .post, "/api/v1/clues/\(clueID)/actions", as: "shinan.auditor", json: #"{"action": "accept", "case_id": "\#(caseID)"}"#)
                expect404(s, body, "clue accepted into \(caseID)")
            }
            let (_, detail) = try await c.call(client, .get, "/api/v1/clues/\(clueID)", as: "shinan.auditor")
            #expect(((detail["clue"] as? [String: Any]) ?? detail)["state"] as? String == "sent")
        }
    }
}

/// The upload header the case API reads a file's name from.
enum CaseAPITestsHeader {
    static let fileName = HTTPField.Name("X-File-Name")!
}
