@testable import AuditRules
import CEL
import FundWatchCore
import Testing

/// The native compiler (``NativeCondition``) must give the interpreter's value wherever it
/// answers, and hand every other record back to the interpreter.
@Suite struct NativeConditionTests {
    @Test func theWholeLibraryCompilesNatively() {
        for rule in RulePlanTests.library {
            let plan = RulePlan(rule)
            #expect(plan.native != nil, "\(rule.spec.id): \(plan.nativeRefusal ?? "")")
        }
        #expect(RuleEngine(rules: RulePlanTests.library).interpretedRules.isEmpty)
    }

    @Test func nativeReadersGiveTheObjectsValues() throws {
        var t = RuleCase.medicalSplitHospitalization.fires
        t.deaths = [Fixture.death(t.idNumber, "2025-10-01")]
        t.qualificationChecks = Fixture.pensioner().qualificationChecks
        t.payments = Fixture.pensioner(t.idNumber).payments
        let bound = BoundTimeline(t)
        var compared = 0
        for list in TimelineList.allCases {
            for field in ["payment_id", "benefit", "period", "amount", "pay_date", "bank_account", "region_code", "operator_id",
                "settlement_id", "institution_id", "visit", "admission_date", "discharge_date", "diagnosis", "total_amount",
                "fund_amount", "off_site", "insurance", "start_date", "end_date", "employer_id", "base", "paid_date",
                "back_payment", "claim_id", "injury_date", "claim_date", "death_date", "source", "recorded_date", "name", "kind",
                "court", "income", "check_date", "method", "account", "bank", "opened_date"]
            {
                #expect((list.reader(field) == nil) == (list.nativeReader(field) == nil), "\(list).\(field)")
                guard let read = list.reader(field), let native = list.nativeReader(field) else { continue }
                for i in 0..<list.count(in: t) {
                    #expect(Self.same(native(bound, i), read(bound, i)), "\(list).\(field)")
                    compared += 1
                }
            }
        }
        #expect(compared > 60)
        for field in PersonObject.fields.keys {
            let read = try #require(BoundTimeline.nativePersonReader(field))
            let expected = try #require(PersonObject(bound: bound).field(named: field))
            #expect(Self.same(read(bound), expected), "person.\(field)")
        }
    }

    /// Expressions at the edges of what the native compiler answers: nulls, text against dates,
    /// overflow, division by zero, values of the wrong kind, errors inside comprehensions.
    static let edgeCases = [
        "payment.pay_date > '2025-03-01'",
        "payment.pay_date > '2025-3-1'",
        "payment.period == '2025-03'",
        "payment.period < payment.pay_date",
        "person.death_date == null || payment.period > period_of(person.death_date)",
        "period_of(person.death_date) == null",
        "payment.amount * 4611686018427387904 > 0",
        "payment.amount / (payment.amount - 300000) > 1",
        "(payment.amount > 0 ? payment.amount : 1) > 1",
        "payments.exists(p, age_at(person, p.bank_account) > 3) || payment.amount > 0",
        "payments.exists(p, age_at(person, p.bank_account) > 3) && payment.amount < 0",
        "payments.all(p, p.amount > 0 && p.period <= payment.period)",
        "payments.exists_one(p, p.period == payment.period)",
        "payments.filter(p, p.amount >= payment.amount).size() > 6",
        "payment.benefit + payment.region_code == 'pension370102'",
        "payment.period + '-01' == first_day(payment.period)",
        "months_between(payment.pay_date, retirement_period(person)) < -100",
        "days_between(payment.pay_date, '2025-12-31') < 100 && !in_custody(person, payment.pay_date)",
        "double(payment.amount) / 0.0 > 1.0",
        "-payment.amount < -299999",
        "payment.bank_account.startsWith('6222') && settlements.size() == 0",
        "checks.exists(c, c.check_date > payment.pay_date) && checks.size() > 0",
        "distance_km(payment.region_code, '650102') > 300.0",
        "enrolled(person, 'no_such_insurance', payment.pay_date)",
        "median_paid(person, payment.benefit) < payment.amount",
        // Record-only terms filter the records, person-only terms gate the person, code fields
        // compare as enum cases (a literal that names no case included), comprehensions keyed
        // by one record field are kept while that field's value repeats.
        "payment.benefit == 'survivor' && payment.amount > 0 && household_deaths(person) == 0",
        "payment.benefit != 'pension' && person.death_date != null && payment.amount > 0",
        "payment.benefit == 'no_such_benefit' || (payment.amount > 300000 && age_at(person, '2025-01-01') > 60)",
        "payment.amount > 0 && payments.filter(p, p.period == payment.period).size() > 1",
        "payments.exists(p, p.pay_date > payment.pay_date) && payment.benefit == 'pension'",
        "!checks.exists(c, months_between(c.check_date, payment.period) <= 12) && payment.amount > 0",
    ]

    @Test(arguments: edgeCases)
    func edgeCasesAgreeWithTheInterpreter(_ condition: String) throws {
        let rule = try RuleSpecLoader.load(yaml: """
            id: edge
            title: 边界
            category: 数据质量
            scope: benefit_payment
            severity: yellow
            when: "\(condition)"
            explain: x
            """)
        #expect(RulePlan(rule).native != nil, "\(RulePlan(rule).nativeRefusal ?? "")")
        var random = SplitMix(seed: 11)
        let timelines = (0..<60).map { RulePlanTests.randomTimeline($0, &random) }
        let index = Fixture.index(timelines)
        let native = RuleEngine(rules: [rule]).evaluate(population: timelines, index: index, workers: 2)
        let reference = RuleEngine(rules: [rule], indexed: false).evaluate(population: timelines, index: index, workers: 2)
        #expect(native.findings == reference.findings)
        #expect(native.failures == reference.failures)
    }

    @Test func aListLiteralLeavesTheRuleToTheInterpreter() throws {
        let rule = try RuleSpecLoader.load(yaml: """
            id: listed
            title: 列表
            category: 数据质量
            scope: benefit_payment
            severity: yellow
            when: payment.benefit in ['pension', 'survivor']
            explain: x
            """)
        let engine = RuleEngine(rules: [rule])
        #expect(engine.interpretedRules.map(\.id) == ["listed"])
        let t = Fixture.pensioner()
        #expect(engine.evaluate(t).findings == RuleEngine(rules: [rule], indexed: false).evaluate(t).findings)
        #expect(engine.evaluate(t).findings.first?.records.count == 12)
    }

    /// Whether a native value is the CEL value (dates and months as their text).
    static func same(_ native: NativeValue, _ cel: CELValue) -> Bool {
        switch (native, cel) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (_, .string(let b)): return native.text == b
        default: return false
        }
    }
}
