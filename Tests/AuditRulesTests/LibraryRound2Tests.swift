@testable import AuditRules
import Foundation
import FundWatchCore
import Testing

@Suite struct LibraryRound2Tests {
    static let library = BuiltinLibraryTests.library

    func engine(_ ids: String...) -> RuleEngine {
        RuleEngine(rules: Self.library.rules.filter { ids.contains($0.spec.id) })
    }

    @Test func signsOfLifeAfterDeathAreADataConflictNotFraud() throws {
        let id = Fixture.pensionerID
        let dead = Fixture.pensioner().with {
            $0.deaths = [Fixture.death(id, "2025-05-10")]
            $0.settlements = [
                Fixture.settlement(id, "S1", "2025-07-01"),
                Fixture.settlement(id, "S2", "2025-08-03", discharge: "2025-08-10", visit: .inpatient),
            ]
        }
        let engine = engine("medical_after_death", "pension_after_death", "death_record_conflict")
        let findings = engine.evaluate(dead).findings
        #expect(findings.map(\.ruleID) == ["death_record_conflict"])
        let spec = try #require(Self.library.rules.first { $0.spec.id == "death_record_conflict" }).spec
        #expect(spec.findingKind == .dataConflict)
        #expect(findings[0].kind == .dataConflict)
        // Without the admission it is a pension and a medical card used after death.
        let fraud = dead.with { $0.settlements.removeLast() }
        #expect(Set(engine.evaluate(fraud).findings.map(\.ruleID)) == ["medical_after_death", "pension_after_death"])
    }

    @Test func baselinesFallBackToCoarserGroupsAndResistOutliers() {
        var builder = BaselineTable.Builder()
        for k in 0..<40 { builder.add(kind: "outpatient", county: "370102", period: Fixture.period("2025-05"), fen: Int64(30_000 + 100 * k)) }
        for k in 0..<5 { builder.add(kind: "outpatient", county: "370103", period: Fixture.period("2025-05"), fen: Int64(50_000 + k)) }
        builder.add(kind: "outpatient", county: "370102", period: Fixture.period("2025-05"), fen: 6_000_000)
        let table = builder.build()
        let local = table.baseline(kind: "outpatient", region: "370102", period: "2025-05")
        #expect(local.level == "county/month" && local.count == 41)
        #expect(local.median == 32_000)
        #expect(local.robustScore(6_000_000) > 100)
        // Five amounts are too few: the city's 46 answer.
        let small = table.baseline(kind: "outpatient", region: "370103", period: "2025-05")
        #expect(small.level == "city/month" && small.count == 46)
        #expect(table.baseline(kind: "inpatient", region: "370102", period: "2025-05") == .none)
        var reference = RunningMoments()
        for k in 0..<40 { reference.add(Double(30_000 + 100 * k)) }
        reference.add(6_000_000)
        #expect(abs(local.mean - reference.mean) < 1e-6 && abs(local.sigma - reference.sigma) < 1e-6)
    }

    @Test func outlierSeverityRisesWithTheDistance() throws {
        let c = RuleCase.medicalAmountOutlier
        let finding = try #require(engine("medical_amount_outlier").evaluate(c.fires, index: c.firesIndex).findings.first)
        #expect(finding.severity == .red && finding.score > 20)
        #expect(finding.amountAtRisk.fen > 5_000_000)
        func billed(_ yuan: Int64) -> PersonTimeline {
            c.fires.with { $0.settlements[0].fundAmount = Money(yuan: yuan) }
        }
        let mild = billed(1_800)  // about nine robust units above the neighbours' median
        let index = Fixture.index(RuleCase.neighbours + [mild])
        #expect(engine("medical_amount_outlier").evaluate(mild, index: index).findings.first?.severity == .yellow)
    }

    @Test func contributionMonthsJoinOverlappingEnrollmentsAndAddBackPayments() {
        let id = Fixture.pensionerID
        let t = Fixture.pensioner().with {
            $0.enrollments = [
                Enrollment(idNumber: id, insurance: .pensionEmployee, regionCode: "370102", startDate: Fixture.date("2010-01-05"), endDate: Fixture.date("2014-12-31")),
                Enrollment(idNumber: id, insurance: .pensionEmployee, regionCode: "370102", startDate: Fixture.date("2014-01-01"), endDate: Fixture.date("2016-12-31")),
            ]
            $0.contributions = [
                Contribution(idNumber: id, insurance: .pensionEmployee, period: Fixture.period("2005-03"), amount: Money(yuan: 500), backPayment: true),
                Contribution(idNumber: id, insurance: .pensionEmployee, period: Fixture.period("2012-03"), amount: Money(yuan: 500), backPayment: true),
            ]
        }
        // 2010-01 … 2016-12 is 84 months; the 2012 back payment is inside them, the 2005 one adds one.
        #expect(t.employeePensionMonths(before: Fixture.period("2025-01")) == 85)
        #expect(t.employeePensionMonths(before: Fixture.period("2011-01")) == 13)
    }

    @Test func asOfLeavesOutWhatWasNotYetKnown() {
        let id = Fixture.pensionerID
        let t = Fixture.pensioner().with {
            $0.deaths = [DeathRecord(idNumber: id, deathDate: Fixture.date("2025-05-10"), source: .civilAffairs, recordedDate: Fixture.date("2025-09-01"))]
        }
        let june = t.known(asOf: Fixture.date("2025-06-30"))
        #expect(june.deaths.isEmpty)
        #expect(june.payments.map(\.period.description) == (1...6).map { String(format: "2025-%02d", $0) })
        #expect(t.known(asOf: Fixture.date("2025-12-31")).deaths.count == 1)
        // The pension paid after the death is found only once the death is on record.
        let engine = engine("pension_after_death")
        #expect(engine.evaluate(june).findings.isEmpty)
        #expect(engine.evaluate(t.known(asOf: Fixture.date("2025-12-31"))).findings.count == 1)
    }

    @Test func riskScoreOrdersBySeverityThenAmount() {
        func finding(_ s: Severity, _ yuan: Int64) -> Finding {
            Finding(ruleID: "r", ruleVersion: 1, idNumber: "x", severity: s, records: [], amountAtRisk: Money(yuan: yuan), score: 0, explanation: "")
        }
        let scores = [finding(.yellow, 50), finding(.yellow, 100_000), finding(.orange, 5_000), finding(.red, 200), finding(.red, 2_000_000)].map(\.riskScore)
        #expect(scores == scores.sorted())
        #expect(scores.first == 0 && scores.last == 100)
        var conflict = finding(.red, 2_000_000)
        conflict.kind = .dataConflict
        #expect(conflict.riskScore < finding(.red, 2_000_000).riskScore)
    }

    @Test func aRuleFileMayDeclareItsFindingsDataConflicts() throws {
        let yaml = """
            id: x
            title: 测试
            category: 数据质量
            kind: data_conflict
            scope: person
            severity: yellow
            when: person.death_date != null
            explain: 测试
            """
        #expect(try RuleSpecLoader.load(yaml: yaml).spec.findingKind == .dataConflict)
        #expect(try RuleSpecLoader.load(yaml: yaml.replacingOccurrences(of: "kind: data_conflict\n", with: "")).spec.findingKind == .fraud)
        #expect(throws: RuleLoadError.self) { try RuleSpecLoader.load(yaml: yaml.replacingOccurrences(of: "data_conflict", with: "maybe")) }
    }
}

extension LibraryRound2Tests {
    /// A new pensioner has no history of their own: the county's pensions are the yardstick.
    @Test func aFirstPensionIsMeasuredAgainstThePopulation() throws {
        let neighbours: [PersonTimeline] = (0..<40).map { k in
            let id = Fixture.id(400 + 2 * k + 1, born: "1950-01-01")
            return Fixture.pensioner(id, address: "历下区第\(k)号", account: "62220000000\(10_000 + k)").with { t in
                t.payments = [Fixture.pension(id, Fixture.period("2025-03"), yuan: Int64(2_500 + 25 * k), account: "62220000000\(10_000 + k)")]
            }
        }
        let id = Fixture.id(901, born: "1964-10-05")
        func retiree(_ yuan: Int64) -> PersonTimeline {
            Fixture.pensioner(id).with { $0.payments = [Fixture.pension(id, Fixture.period("2025-03"), yuan: yuan)] }
        }
        let engine = engine("pension_amount_outlier")
        let huge = retiree(150_000)
        let finding = try #require(engine.evaluate(huge, index: Fixture.index(neighbours + [huge])).findings.first)
        // ¥150,000 is 23 times the county's mean (which it raises itself): a quarter of that is yellow.
        #expect(finding.severity == .yellow && finding.score > 5)
        #expect(finding.explanation.contains("同地区同月养老金平均数"))
        // An employee pension well above the neighbours' is no outlier.
        let ordinary = retiree(12_000)
        #expect(engine.evaluate(ordinary, index: Fixture.index(neighbours + [ordinary])).findings.isEmpty)
        // Without an index (a pre-payment check with no population) there is no yardstick and no finding.
        #expect(engine.evaluate(huge).findings.isEmpty)
    }
}
