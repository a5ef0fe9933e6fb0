@testable import AuditRules
import FundWatchCore
import Testing

@Suite struct BuiltinLibraryTests {
    static let library = BuiltinRules.load()

    func engine(only rule: String) -> RuleEngine {
        RuleEngine(rules: Self.library.rules.filter { $0.spec.id == rule }.map { r in
            // Evaluate shadow rules as active here: the test is about the condition.
            var spec = r.spec
            spec.status = .active
            return try! CompiledRule(spec)
        })
    }

    @Test func everyBuiltinRuleLoadsAndHasACase() {
        #expect(Self.library.errors.isEmpty, "\(Self.library.errors)")
        let ids = Set(Self.library.rules.map(\.spec.id))
        #expect(ids == Set(RuleCase.all.map(\.rule)))
        for rule in Self.library.rules {
            #expect(!rule.spec.title.isEmpty && !rule.spec.basis.isEmpty && rule.spec.title.unicodeScalars.contains { $0.value > 0x4E00 })
        }
    }

    @Test(arguments: RuleCase.all)
    func firesOnItsCase(_ c: RuleCase) throws {
        let (findings, failures) = engine(only: c.rule).evaluate(c.fires, index: c.firesIndex)
        #expect(failures.isEmpty, "\(failures)")
        let finding = try #require(findings.first { $0.ruleID == c.rule })
        #expect(finding.idNumber == c.fires.idNumber.value)
        #expect(!finding.explanation.contains("?"), "explanation: \(finding.explanation)")
        #expect(finding.explanation.unicodeScalars.contains { $0.value > 0x4E00 })
    }

    @Test(arguments: RuleCase.all)
    func passesItsHonestCase(_ c: RuleCase) {
        let (findings, failures) = engine(only: c.rule).evaluate(c.passes, index: c.passesIndex)
        #expect(failures.isEmpty, "\(failures)")
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func honestPensionerAndWorkerRaiseNothing() {
        let engine = RuleEngine(rules: Self.library.rules)
        for t in [Fixture.pensioner(), Fixture.worker().with { $0.qualificationChecks = [] }] {
            let (findings, failures) = engine.evaluate(t, index: Fixture.index([t]))
            #expect(findings.isEmpty, "\(findings)")
            #expect(failures.isEmpty)
        }
    }

    @Test func pensionAfterDeathCitesThePaymentsAndTheAmount() throws {
        let (findings, _) = engine(only: "pension_after_death").evaluate(RuleCase.pensionAfterDeath.fires)
        let finding = try #require(findings.first)
        #expect(finding.records.count == 7)  // June to December 2025
        #expect(finding.amountAtRisk == Money(yuan: 21_000))
        #expect(finding.severity == .red)
        #expect(finding.explanation.hasPrefix("张三 于 2025-05-10 死亡，2025-06 仍发放养老金 3000 元"))
    }

    @Test func outlierSeverityFollowsTheThresholds() throws {
        let (findings, _) = engine(only: "pension_amount_outlier").evaluate(RuleCase.pensionAmountOutlier.fires)
        let finding = try #require(findings.first)
        #expect(finding.severity == .red)  // 50 times the usual amount
        #expect(finding.score == 50)
        let mild = Fixture.pensioner().with { t in t.payments[6] = Fixture.pension(t.idNumber, Fixture.months[6], yuan: 21_000) }
        #expect(engine(only: "pension_amount_outlier").evaluate(mild).findings.first?.severity == .yellow)
    }

    @Test func aCentenarianPaidForTheMonthOfDeathIsNotOverTheCap() {
        let id = Fixture.id(702, born: "1922-09-17")
        let t = Fixture.pensioner(id).with { t in
            t.qualificationChecks = []
            t.deaths = [Fixture.death(id, "2025-01-01")]
            t.payments = [Fixture.pension(id, Fixture.period("2025-01"))]
        }
        #expect(engine(only: "pension_over_age_cap").evaluate(t).findings.isEmpty)
        #expect(engine(only: "pension_after_death").evaluate(t).findings.isEmpty)
    }
}
