import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import WebApp

/// `GET /api/v1/alerts?sort=risk` and `/alerts?sort=risk`: the queue by combined risk (rule risk
/// and the newest model's person score) over the whole queue, inside the caller's region.
@Suite struct RiskSortTests {
    /// Scores the test world's three persons with one model version; 370103's person highest.
    static func storeScores(_ world: TestWorld, sha: Character = "c", scores: [String: Double]) async throws {
        let version = RiskModelVersion(
            sha256: String(repeating: sha, count: 64), kind: "gbdt", features: ["age"], trainingRows: 100,
            validationAUC: 0.9, recordedAt: "2026-09-2\(sha == "c" ? 0 : 1)T00:00:00Z", ledgerIndex: 1)
        try await world.database.storeRiskScores(
            scores.map { county, score in
                PersonRiskScore(
                    idNumber: world.persons[county]!.value, modelSHA256: version.sha256, score: score, reasons: [],
                    regionCode: county)
            }, model: version)
    }

    static func ids(_ client: some TestClientProtocol, _ uri: String, token: String) async throws -> [Int64] {
        try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
            #expect(response.status == .ok, "\(uri)")
            let alerts = try #require(try client.json(response)["alerts"] as? [[String: Any]])
            return alerts.compactMap { ($0["id"] as? Int).map(Int64.init) }
        }
    }

    @Test("sort=risk puts a high model score first across the queue; the default order stays by severity")
    func combinedRiskOrder() async throws {
        let world = try await TestWorld()
        try await Self.storeScores(world, scores: ["370102": 0.10, "370103": 0.95, "370202": 0.99])
        let leader = try await world.token("jinan.leader")
        let a = world.alerts
        try await world.test { client in
            // Default: red before yellow, then rule risk and id; model scores play no part.
            let plain = try await Self.ids(client, "/api/v1/alerts", token: leader)
            let reds = [a["370102.red"]!, a["370103.red"]!].sorted()
            let yellows = [a["370102.yellow"]!, a["370103.yellow"]!].sorted()
            #expect(plain == reds + yellows)
            // Combined risk: 370103's person (0.95) outranks 370102's (0.10) even on a yellow alert;
            // Qingdao's person (0.99) is outside Jinan and never shows.
            let risk = try await Self.ids(client, "/api/v1/alerts?sort=risk", token: leader)
            #expect(risk == [a["370103.red"]!, a["370103.yellow"]!, a["370102.red"]!, a["370102.yellow"]!])
            // Paging follows the whole queue's order, not a re-sorted page.
            #expect(try await Self.ids(client, "/api/v1/alerts?sort=risk&limit=1", token: leader) == [a["370103.red"]!])
            #expect(
                try await Self.ids(client, "/api/v1/alerts?sort=risk&limit=2&offset=1", token: leader)
                    == [a["370103.yellow"]!, a["370102.red"]!])
            // Filters still apply.
            #expect(
                try await Self.ids(client, "/api/v1/alerts?sort=risk&severity=red", token: leader)
                    == [a["370103.red"]!, a["370102.red"]!])
        }
    }

    @Test("only the newest model version's scores count; a person it did not score falls back to the rule risk")
    func newestVersionOnly() async throws {
        let world = try await TestWorld()
        try await Self.storeScores(world, sha: "c", scores: ["370102": 0.10, "370103": 0.95])
        // A newer version scores 370102's person high and leaves 370103's person out.
        try await Self.storeScores(world, sha: "d", scores: ["370102": 0.80])
        let leader = try await world.token("jinan.leader")
        let a = world.alerts
        try await world.test { client in
            let risk = try await Self.ids(client, "/api/v1/alerts?sort=risk", token: leader)
            #expect(risk == [a["370102.red"]!, a["370102.yellow"]!, a["370103.red"]!, a["370103.yellow"]!])
        }
    }

    @Test("a county user sees only the county's alerts, sorted or not")
    func regionScopeHolds() async throws {
        let world = try await TestWorld()
        try await Self.storeScores(world, scores: ["370102": 0.10, "370103": 0.95, "370202": 0.99])
        let lixia = try await world.token("lixia.auditor")
        let shizhong = try await world.token("shizhong.auditor")
        let a = world.alerts
        try await world.test { client in
            #expect(try await Self.ids(client, "/api/v1/alerts?sort=risk", token: lixia) == [a["370102.red"]!, a["370102.yellow"]!])
            #expect(
                try await Self.ids(client, "/api/v1/alerts?sort=risk", token: shizhong) == [a["370103.red"]!, a["370103.yellow"]!])
            // Asking for another county's region does not widen the scope: it is not found.
            try await client.execute(
                uri: "/api/v1/alerts?sort=risk&region=370202", method: .get, headers: [.authorization: "Bearer \(lixia)"]
            ) { #expect($0.status == .notFound) }
        }
    }

    @Test("the queue page sorted by risk lists the alerts in the same order")
    func queuePage() async throws {
        let world = try await TestWorld()
        try await Self.storeScores(world, scores: ["370102": 0.10, "370103": 0.95])
        let a = world.alerts
        try await world.test { client in
            let browser = try await client.signIn("jinan.leader")
            try await client.execute(uri: "/alerts?sort=risk", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                let positions = try [a["370103.red"]!, a["370102.red"]!].map { id in
                    try #require(html.range(of: "/alerts/\(id)\"")).lowerBound
                }
                #expect(positions[0] < positions[1])
                // The filter form keeps the order chosen, and the header links to the model quality page.
                #expect(html.contains("<option value=\"risk\" selected>"))
                #expect(html.contains("href=\"/risk/models\"") && html.contains("href=\"/cases\""))
            }
            try await client.execute(uri: "/alerts", method: .get, headers: browser.headers) { response in
                #expect(!String(buffer: response.body).contains("<option value=\"risk\" selected>"))
            }
        }
    }
}
