import Foundation
import FundWatchCore
import Storage
import Testing

@Suite struct RiskScoreStoreTests {
    static func version(_ sha: Character, at time: String) -> RiskModelVersion {
        RiskModelVersion(
            sha256: String(repeating: sha, count: 64), kind: "gbdt", features: ["age", "pension_months"],
            trainingRows: 1000, validationAUC: 0.95, recordedAt: time, ledgerIndex: 7)
    }

    static func score(_ id: String, _ sha: Character, _ score: Double, region: String) -> PersonRiskScore {
        PersonRiskScore(
            idNumber: id, modelSHA256: String(repeating: sha, count: 64), score: score,
            reasons: ["months_paid_after_death=6 (+2.1)"], regionCode: region)
    }

    @Test("scores are stored per model version; the newest version answers; a rerun replaces its scores")
    func storeAndRead() async throws {
        let database = try FundWatchDatabase.inMemory()
        let old = Self.version("a", at: "2026-11-01T00:00:00Z")
        try await database.storeRiskScores(
            [Self.score("P1", "a", 0.2, region: "371482"), Self.score("P2", "a", 0.9, region: "371482")], model: old)
        let new = Self.version("b", at: "2026-11-20T00:00:00Z")
        try await database.storeRiskScores(
            [Self.score("P1", "b", 0.7, region: "371482"), Self.score("P2", "b", 0.1, region: "370102"),
             Self.score("P3", "b", 0.5, region: "371402")], model: new)

        #expect(try await database.latestRiskScore(idNumber: "P1")?.score == 0.7)
        #expect(try await database.latestRiskScore(idNumber: "P1")?.reasons == ["months_paid_after_death=6 (+2.1)"])
        #expect(try await database.latestRiskScore(idNumber: "nobody") == nil)
        #expect(try await database.topRiskScores(limit: 2).map(\.idNumber) == ["P1", "P3"])
        #expect(try await database.topRiskScores(limit: 10, regionPrefix: "3714").map(\.idNumber) == ["P1", "P3"])
        #expect(try await database.topRiskScores(limit: 10, regionPrefix: "3701").map(\.idNumber) == ["P2"])
        let versions = try await database.riskModelVersions()
        #expect(versions.map(\.sha256) == [new.sha256, old.sha256])
        #expect(versions.first?.features == ["age", "pension_months"])

        try await database.storeRiskScores([Self.score("P3", "b", 0.05, region: "371402")], model: new)
        #expect(try await database.topRiskScores(limit: 10).map(\.idNumber) == ["P3"])
        #expect(try await database.riskModelVersions().count == 2)
    }

    @Test("the queue by combined risk: a lower rule risk with a high model score can come first")
    func combinedRisk() async throws {
        let database = try FundWatchDatabase.inMemory()
        func finding(_ id: String, risk: Double) -> FindingInput {
            FindingInput(
                ruleID: FindingStoreTests.rule.ruleID, ruleVersion: FindingStoreTests.rule.version, idNumber: id,
                kind: "fraud", severity: "red", score: 0, riskScore: risk, amountAtRisk: 100_000, records: ["P1"],
                explanation: "说明", regionCode: "370102", shadow: false, payload: Data(id.utf8))
        }
        _ = try await database.storeAudit(
            run: FindingStoreTests.run(), rules: [FindingStoreTests.rule],
            findings: [finding("A", risk: 80), finding("B", risk: 60), finding("C", risk: 70)])
        let scope = try #require(RegionScope(code: "370102"))
        // Without a model, the rule risk alone orders the queue.
        #expect(try await database.openFindingsByCombinedRisk(in: scope).map(\.finding.idNumber) == ["A", "C", "B"])
        try await database.storeRiskScores(
            [Self.score("A", "a", 0.1, region: "370102"), Self.score("B", "a", 0.99, region: "370102")],
            model: Self.version("a", at: "2026-11-01T00:00:00Z"))
        let queue = try await database.openFindingsByCombinedRisk(in: scope)
        // B: (0.60 + 0.99) / 2 = 0.795; C: 0.70 (no score); A: (0.80 + 0.10) / 2 = 0.45.
        #expect(queue.map(\.finding.idNumber) == ["B", "C", "A"])
        #expect(abs(queue[0].combinedRisk - 0.795) < 1e-9)
        #expect(queue[1].modelScore == nil)
        let elsewhere = try #require(RegionScope(code: "110101"))
        #expect(try await database.openFindingsByCombinedRisk(in: elsewhere).isEmpty)
    }
}
