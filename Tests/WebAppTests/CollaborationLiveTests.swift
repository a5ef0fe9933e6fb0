import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

/// A civil-affairs bureau's own system that answers death-status requests automatically: it
/// polls the API with its token, reads each request's subject (unmasked: it needs the ID number
/// to look the person up in its registry), and posts the answer from its registry.
struct CivilAffairsAnswerer {
    /// The bureau's death registry: ID number → date of death (absent: alive).
    let registry: [String: String]
    let token: String

    struct Report {
        var answered: [Int] = []
        var failures: [String] = []
    }

    func headers() -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    func json(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any]) ?? [:]
    }

    /// One polling round over HTTP.
    func run(_ client: some TestClientProtocol) async throws -> Report {
        var report = Report()
        let list = try await client.execute(
            uri: "/api/v1/verification-requests?state=sent", method: .get, headers: headers()
        ) { json($0.body) }
        for request in list["requests"] as? [[String: Any]] ?? [] {
            guard let id = request["id"] as? Int, request["kind"] as? String == "death_status",
                let version = request["version"] as? Int
            else { continue }
            let detail = try await client.execute(
                uri: "/api/v1/verification-requests/\(id)?reveal=true", method: .get, headers: headers()
            ) { json($0.body) }
            guard let subject = (detail["request"] as? [String: Any])?["subject"] as? [String: Any],
                let idNumber = subject["id_number"] as? String
            else {
                report.failures.append("request \(id): no subject")
                continue
            }
            let finding =
                registry[idNumber].map { #"{"kind": "death_status", "status": "dead", "date": "\#($0)"}"# }
                ?? #"{"kind": "death_status", "status": "alive"}"#
            let body = #"{"finding": \#(finding), "officer": "市南区民政局 自动核查", "source_document": "殡葬管理信息系统 火化记录", "expected_version": \#(version)}"#
            let status = try await client.execute(
                uri: "/api/v1/verification-requests/\(id)/answer", method: .post, headers: headers(),
                body: ByteBuffer(string: body)
            ) { $0.status }
            if status == .ok { report.answered.append(id) } else { report.failures.append("request \(id): \(status)") }
        }
        return report
    }
}

@Suite("A department's system answers over HTTP")
struct CollaborationLiveTests {
    @Test func civilAffairsAnswersDeathStatusAgainstARunningServer() async throws {
        let c = try await CollaborationWorld()
        let alive = c.world.persons["370103"]!.value
        let app = Application(
            router: try await c.world.router(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            // A real socket: the server listens on a port of its own.
            #expect(client.port != nil)
            try await c.assignDepartments(client)
            let deadCase = try await c.openCase("CASE-DEAD")
            let aliveCase = try await c.openCase("CASE-ALIVE")
            let (s1, dead) = try await c.call(client, .post, "/api/v1/verification-requests", as: "lixia.auditor", json: c.deathRequestJSON(caseID: deadCase))
            #expect(s1 == .created)
            let aliveJSON = c.deathRequestJSON(caseID: aliveCase).replacingOccurrences(of: c.subjectID, with: alive)
            let (s2, living) = try await c.call(client, .post, "/api/v1/verification-requests", as: "lixia.auditor", json: aliveJSON)
            #expect(s2 == .created)
            // An identity check for public security is not the bureau's to answer.
            let police = c.deathRequestJSON(caseID: try await c.openCase("CASE-ID")).replacingOccurrences(of: "death_status", with: "identity_check")
            #expect(try await c.call(client, .post, "/api/v1/verification-requests", as: "lixia.auditor", json: police).0 == .created)

            let answerer = CivilAffairsAnswerer(registry: [c.subjectID: "2026-05-03"], token: c.tokens["qingdao.civil"]!)
            let report = try await answerer.run(client)
            #expect(report.failures.isEmpty, "\(report.failures)")
            #expect(Set(report.answered) == Set([dead["id"] as? Int, living["id"] as? Int].compactMap { $0 }))
            // A second round finds nothing left to answer.
            #expect(try await answerer.run(client).answered.isEmpty)

            // The sender sees the answers, masked, with the officer and the source document.
            let (_, list) = try await c.call(client, .get, "/api/v1/verification-requests?state=answered", as: "lixia.auditor")
            let answered = try #require(list["requests"] as? [[String: Any]])
            let byCase = Dictionary(uniqueKeysWithValues: answered.map { ($0["case_id"] as? String ?? "", $0) })
            #expect(byCase[deadCase]?["answer_summary"] as? String == "已死亡，死亡日期 2026-05-03")
            #expect(byCase[aliveCase]?["answer_summary"] as? String == "未登记死亡（在世）")
            let answer = try #require(byCase[deadCase]?["answer"] as? [String: Any])
            #expect(answer["source_document"] as? String == "殡葬管理信息系统 火化记录")
            #expect(byCase[deadCase]?["answered_by"] as? String == "user/qingdao.civil")
            let (_, pending) = try await c.call(client, .get, "/api/v1/verification-requests?state=sent", as: "lixia.auditor")
            #expect(pending["count"] as? Int == 1)
        }
    }
}
