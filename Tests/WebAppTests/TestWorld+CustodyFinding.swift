import Foundation
import FundWatchCore
import Storage

extension TestWorld {
    /// A red `pension_in_custody` finding (1,500 yuan at risk) on one payment record, the
    /// finding the live-alert, cache and browser tests store to make something move.
    static func custodyFinding(
        idNumber: String, regionCode: String, record: String, payload: String,
        explanation: String = "服刑期间领取养老金"
    ) -> FindingInput {
        FindingInput(
            ruleID: "pension_in_custody", ruleVersion: 1, idNumber: idNumber, kind: "fraud", severity: "red",
            score: 0, riskScore: 0.8, amountAtRisk: 150_000, records: ["benefit_payment:\(record)"],
            explanation: explanation, regionCode: regionCode, shadow: false, payload: Data(payload.utf8))
    }

    /// Stores custody findings as one audit run of the `pension_in_custody` rule (version 1),
    /// as a nightly audit would.
    func storeCustodyAudit(_ findings: [FindingInput]) async throws {
        _ = try await database.storeAudit(
            run: AuditRunInput(
                startedAt: TestWorld.start, asOf: CivilDate(year: 2026, month: 9, day: 21)!, actor: "test",
                persons: findings.count, failures: 0),
            rules: [
                RuleVersionInput(
                    ruleID: "pension_in_custody", version: 1, sha256: String(repeating: "c", count: 64), status: "active",
                    title: "服刑期间领取养老金")
            ],
            findings: findings)
    }
}
