import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import WebApp

/// `/risk/models` (模型质量) and `GET /api/v1/risk/models`: retrained versions' quality, for the
/// roles that read findings, refused to the others.
@Suite struct ModelQualityPageTests {
    static let first = ModelQualityRecord(
        modelSHA256: String(repeating: "a", count: 64), kind: "gbdt", trainedAt: "2026-09-01T08:00:00Z", labels: 600,
        newLabels: 600, caseLabels: 20, trainingRows: 420, heldOutRows: 180, heldOutPositives: 9, rocAUC: 0.9125,
        topK: 100, precisionAtK: 0.09, ledgerIndex: 5)
    static let second = ModelQualityRecord(
        modelSHA256: "b1c2d3e4f5a6" + String(repeating: "b", count: 52), kind: "logistic",
        trainedAt: "2026-09-20T08:00:00Z", labels: 700, newLabels: 100, caseLabels: 35, trainingRows: 490,
        heldOutRows: 210, heldOutPositives: 1, rocAUC: nil, topK: 100, precisionAtK: 0.01, ledgerIndex: nil)

    static func world(withVersions: Bool = true) async throws -> TestWorld {
        let world = try await TestWorld()
        if withVersions {
            try await world.database.recordModelQuality(second)
            try await world.database.recordModelQuality(first)
        }
        return world
    }

    @Test("the API lists the versions oldest first with their measures")
    func api() async throws {
        let world = try await Self.world()
        let token = try await world.token("lixia.auditor")
        try await world.test { client in
            try await client.execute(uri: "/api/v1/risk/models", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                response in
                #expect(response.status == .ok)
                let body = try client.json(response)
                #expect(body["count"] as? Int == 2)
                let versions = try #require(body["versions"] as? [[String: Any]])
                #expect(versions.map { $0["model_sha256"] as? String } == [Self.first.modelSHA256, Self.second.modelSHA256])
                #expect(versions[0]["roc_auc"] as? Double == 0.9125)
                #expect(versions[0]["precision_at_k"] as? Double == 0.09)
                #expect(versions[0]["ledger_index"] as? Int == 5)
                #expect(versions[0]["held_out_positives"] as? Int == 9)
                #expect(versions[1]["kind"] as? String == "logistic")
                // An AUC that could not be measured is absent or null, never a number.
                #expect(!(versions[1]["roc_auc"] is Double))
            }
        }
    }

    @Test("the page shows each version in Chinese, with a dash where there is no AUC")
    func page() async throws {
        let world = try await Self.world()
        try await world.test { client in
            let browser = try await client.signIn("jinan.leader")
            try await client.execute(uri: "/risk/models", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<html lang=\"zh-CN\">"))
                #expect(html.contains("风险模型质量"))
                #expect(html.contains("aaaaaaaaaaaa") && html.contains("b1c2d3e4f5a6"))
                #expect(!html.contains(String(repeating: "a", count: 13)), "the version is shown by its first 12 hex digits")
                #expect(html.contains("0.9125") && html.contains("0.090"))
                #expect(html.contains("600（600 / 20）"))
                #expect(html.contains("180（违规 9）"))
                #expect(html.contains("width=\"91\""), "the AUC bar is 91 of 100")
                // Oldest first.
                let a = try #require(html.range(of: "aaaaaaaaaaaa")).lowerBound
                let b = try #require(html.range(of: "b1c2d3e4f5a6")).lowerBound
                #expect(a < b)
                #expect(html.contains("<td>—</td>") || html.contains("> —</td>"))
                #expect(!html.contains("尚无重新训练的模型版本"))
            }
        }
    }

    @Test("with no retrained version the page says so and the API returns an empty list")
    func empty() async throws {
        let world = try await Self.world(withVersions: false)
        let token = try await world.token("lixia.auditor")
        try await world.test { client in
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/risk/models", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("尚无重新训练的模型版本"))
            }
            try await client.execute(uri: "/api/v1/risk/models", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                let body = try client.json($0)
                #expect(body["count"] as? Int == 0)
            }
        }
    }

    @Test("a liaison, who reads no findings, is refused both; without a session the page asks to sign in")
    func forbidden() async throws {
        let world = try await Self.world()
        let liaison = try await world.token("province.liaison")
        try await world.test { client in
            try await client.execute(uri: "/api/v1/risk/models", method: .get, headers: [.authorization: "Bearer \(liaison)"]) {
                #expect($0.status == .forbidden)
                #expect(client.code($0) == "forbidden")
            }
            let browser = try await client.signIn("province.liaison")
            try await client.execute(uri: "/risk/models", method: .get, headers: browser.headers) { response in
                #expect(response.status == .forbidden)
                #expect(!String(buffer: response.body).contains("aaaaaaaaaaaa"))
            }
            try await client.execute(uri: "/api/v1/risk/models", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/risk/models", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/signin?next=/risk/models")
            }
        }
    }
}
