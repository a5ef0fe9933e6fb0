@testable import AuditRules
import Foundation
import FundWatchCore
import Testing

@Suite struct PaymentCheckTests {
    static let engine = RuleEngine(rules: BuiltinRules.load().rules)

    @Test func allowsAnOrdinaryPension() {
        let t = Fixture.pensioner()
        let next = Fixture.pension(t.idNumber, Fixture.period("2026-01"))
        let decision = Self.engine.check(next, timeline: t)
        #expect(decision.action == .allow)
        #expect(decision.findings.isEmpty)
    }

    @Test func blocksAPensionAfterDeathAndReviewsAnOutlier() {
        let dead = Fixture.pensioner().with { $0.deaths = [Fixture.death($0.idNumber, "2025-12-05")] }
        let next = Fixture.pension(dead.idNumber, Fixture.period("2026-01"))
        let decision = Self.engine.check(next, timeline: dead)
        #expect(decision.action == .block)
        #expect(decision.findings.map(\.ruleID) == ["pension_after_death"])
        #expect(decision.findings.first?.records == [next.paymentID])

        let big = Fixture.pension(dead.idNumber, Fixture.period("2026-01"), yuan: 20_000)
        let outlier = Self.engine.check(big, timeline: Fixture.pensioner())
        #expect(outlier.action == .review)
        #expect(outlier.findings.map(\.ruleID) == ["pension_amount_outlier"])
    }

    /// Repeated checks of the same payment give the same decision (the check keeps no state);
    /// its speed is measured by the benchmarks, not asserted here.
    @Test func repeatedChecksAgree() {
        let t = Fixture.pensioner()
        let next = Fixture.pension(t.idNumber, Fixture.period("2026-01"))
        let decisions = (0..<50).map { _ in Self.engine.check(next, timeline: t) }
        #expect(decisions.allSatisfy { $0.action == .allow && $0.findings.isEmpty && $0.failures.isEmpty })
    }
}
