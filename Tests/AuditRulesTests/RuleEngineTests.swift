@testable import AuditRules
import CEL
import FundWatchCore
import Testing

@Suite struct RuleEngineTests {
    @Test func aRuntimeErrorIsReportedAndDoesNotStopOtherRules() throws {
        let broken = try RuleSpecLoader.load(yaml: """
            id: broken
            title: 坏规则
            category: 数据质量
            scope: person
            severity: yellow
            when: age_at(person, 'not a date') > 3
            explain: x
            """)
        let library = BuiltinRules.load().rules
        let engine = RuleEngine(rules: library + [broken])
        let (findings, failures) = engine.evaluate(RuleCase.pensionAfterDeath.fires)
        #expect(failures.map(\.ruleID) == ["broken"])
        #expect(failures.first?.idNumber == Fixture.pensionerID.value)
        #expect(findings.contains { $0.ruleID == "pension_after_death" })
    }

    @Test func aRuleOverItsCostBudgetFailsAlone() throws {
        let greedy = try RuleSpecLoader.load(yaml: """
            id: greedy
            title: 超预算
            category: 数据质量
            scope: person
            severity: yellow
            when: payments.all(a, payments.all(b, payments.all(c, payments.all(d, payments.all(e, a.amount > 0)))))
            explain: x
            """)
        let (_, failures) = RuleEngine(rules: [greedy]).evaluate(Fixture.pensioner())
        #expect(failures.first?.error.code == .costLimitExceeded)
    }

    @Test func batchIsDeterministicAndIdempotent() {
        let timelines = RuleCase.all.map(\.fires) + RuleCase.all.map(\.passes) + (0..<200).map { Fixture.pensioner(Fixture.id($0, born: "1950-01-01")) }
        let index = Fixture.index(timelines)
        let engine = RuleEngine(rules: BuiltinRules.load().rules)
        let a = engine.evaluate(population: timelines, index: index, workers: 4)
        let b = engine.evaluate(population: timelines.reversed(), index: index, workers: 1)
        #expect(a.findings == b.findings)
        #expect(a.findings.count > 10)
        #expect(a.failures.isEmpty)
        #expect(a.persons == timelines.count)
    }

    @Test func draftAndRetiredRulesDoNotRun() throws {
        var spec = try #require(BuiltinRules.load().rules.first { $0.spec.id == "pension_after_death" }).spec
        spec.status = .retired
        #expect(RuleEngine(rules: [try CompiledRule(spec)]).rules.isEmpty)
        spec.status = .shadow
        let (findings, _) = RuleEngine(rules: [try CompiledRule(spec)]).evaluate(RuleCase.pensionAfterDeath.fires)
        #expect(findings.first?.shadow == true)
    }

    @Test func scorecardCountsPerRuleAndOverall() {
        func finding(_ rule: String, _ id: String) -> Finding {
            Finding(ruleID: rule, ruleVersion: 1, idNumber: id, severity: .red, records: [], amountAtRisk: .zero, score: 0, explanation: "")
        }
        let card = RuleScorecard(
            findings: [finding("a", "1"), finding("a", "2"), finding("b", "3")],
            expected: ["1": ["a"], "3": ["b"], "4": ["b"], "5": []])
        #expect(card.byRule["a"] == .init(truePositives: 1, falsePositives: 1, falseNegatives: 0))
        #expect(card.byRule["b"]?.recall == 0.5)
        #expect(card.overall.precision == 2.0 / 3.0)
        #expect(card.misses.map(\.idNumber) == ["4"])
        #expect(card.falseAlarms.map(\.idNumber) == ["2"])
    }
}

@Suite struct RuleTriggerTests {
    @Test func readsTheRequirementsOfTopLevelConjunctions() throws {
        let rules = Dictionary(uniqueKeysWithValues: BuiltinRules.load().rules.map { ($0.spec.id, $0) })
        let death = try #require(rules["pension_after_death"]).trigger
        #expect(death.code == "pension" && death.needsDeath && !death.needsCustody)
        let custody = try #require(rules["pension_in_custody"]).trigger
        #expect(custody.code == "pension" && custody.needsImprisonment)
        let distant = try #require(rules["medical_same_day_distant"]).trigger
        #expect(distant.code == nil && !distant.needsDeath)
        #expect(try #require(rules["back_payment_before_retirement"]).trigger.needsBackPayment)
        #expect(!death.admits(Fixture.pensioner()))
        #expect(death.admits(RuleCase.pensionAfterDeath.fires))
    }

    @Test func anOrIsNotTakenAsARequirement() throws {
        let rule = try RuleSpecLoader.load(yaml: """
            id: either
            title: 任一
            category: 数据质量
            scope: benefit_payment
            severity: yellow
            when: payment.benefit == 'pension' || person.death_date != null
            explain: x
            """)
        #expect(rule.trigger.code == nil && !rule.trigger.needsDeath)
    }
}
