import FundWatchCore
import Testing

@testable import AuditRules

/// The batch over a columnar population (``RuleEngine/prepare(_:workers:)``): its column scan
/// may only skip persons and records no rule can match, so its findings must equal those of the
/// unindexed engine, which runs every rule on every record.
struct ColumnarPopulationTests {
    static func population(_ count: Int, seed: UInt64) -> [PersonTimeline] {
        var random = SplitMix(seed: seed)
        return (0..<count).map { RulePlanTests.randomTimeline($0, &random) }
    }

    /// One rule of `condition` run by the batch over a columnar population of generated persons
    /// and by the unindexed reference engine (every rule on every record), with the persons.
    static func bothEngines(
        _ condition: String, scope: String = "benefit_payment", category: String = "数据质量", persons: Int, seed: UInt64
    ) throws -> (columnar: RuleEngine.BatchResult, reference: RuleEngine.BatchResult, timelines: [PersonTimeline]) {
        let rule = try RuleSpecLoader.load(yaml: """
            id: compared
            title: 对照
            category: \(category)
            scope: \(scope)
            severity: yellow
            when: "\(condition)"
            explain: x
            """)
        let timelines = population(persons, seed: seed)
        let index = Fixture.index(timelines)
        let engine = RuleEngine(rules: [rule])
        let columnar = engine.evaluate(engine.prepare(timelines, workers: 2), index: index, workers: 2)
        let reference = RuleEngine(rules: [rule], indexed: false).evaluate(population: timelines, index: index, workers: 2)
        return (columnar, reference, timelines)
    }

    @Test func theBuiltInLibraryGivesTheReferenceFindings() {
        let timelines = Self.population(150, seed: 5) + RuleCase.all.map(\.fires) + RuleCase.all.map(\.passes)
        let index = Fixture.index(timelines)
        let rules = BuiltinRules.load().rules
        let engine = RuleEngine(rules: rules)
        let columnar = engine.evaluate(engine.prepare(timelines, workers: 2), index: index, workers: 2)
        let reference = RuleEngine(rules: rules, indexed: false).evaluate(population: timelines, index: index, workers: 2)
        #expect(columnar.findings == reference.findings)
        #expect(columnar.failures == reference.failures)
        #expect(columnar.findings.count > 20)
    }

    /// Conditions whose terms the scan translates (record and person fields against literals,
    /// two columns compared, nulls, flags, `exists` requirements) or leaves as "maybe".
    static let conditions = [
        "payment.benefit == 'pension' && payment.amount > 0 && person.death_date == null",
        "!(payment.benefit == 'pension') && payment.amount >= 100000",
        "payment.period < retirement_period(person) && payment.amount != 0",
        "person.birth_date != id_birth_date(person) || person.sex == id_sex(person)",
        "!id_region_known(person) || payment.pay_date < id_birth_date(person)",
        "settlements.exists(s, s.visit == 'inpatient' && s.discharge_date != null) && payment.amount > 0",
        "checks.exists(c, c.method == 'no_such_method') || payment.bank_account == '6222000000009999'",
        "payment.bank_account != '' && payment.operator_id == '' && contribution_shortfall(person) >= 0",
        "person.death_date != null && payment.period > period_of(person.death_date)",
        "payment.amount > 1 || payment.amount <= 1",
        // Terms the columns cannot answer, decided by their native closures before the rule runs:
        // domain functions of the person and the record, the population index, baselines with
        // numeric sums, and comprehensions after cost-free terms.
        "payment.benefit == 'pension' && paid_count(person, 'pension', payment.period) > 1",
        "payment.amount > 0 && !account_in_household(person, payment.bank_account)",
        "account_households(person, payment.bank_account) >= 2 || operator_is_relative(person, payment.operator_id)",
        "double(payment.amount) > baseline(person, payment.benefit, payment.region_code, payment.period).mean + 0.5 * baseline(person, payment.benefit, payment.region_code, payment.period).sigma",
        "payment.amount > 0 && !checks.exists(c, months_between(c.check_date, payment.period) <= 12)",
        "!payments.all(a, payments.all(b, a.amount >= b.amount || b.amount > 0)) && payment.amount > 0",
        "payments.exists(p, p.amount > 0) && !payments.exists(q, q.period == payment.period && q.amount < 0)",
        "household_deaths(person) == 0 && !enrolled_for(person, payment.benefit, payment.period)",
    ]

    @Test(arguments: conditions)
    func eachTranslatedShapeAgreesWithTheInterpreter(_ condition: String) throws {
        let (columnar, reference, _) = try Self.bothEngines(condition, persons: 120, seed: 17)
        #expect(columnar.findings == reference.findings)
        #expect(columnar.failures == reference.failures)
    }

    /// Terms the scan answers a block of records at a time (`!`, `||`, two columns compared):
    /// over more records than a block holds, so answers cross block and chunk boundaries.
    @Test(arguments: [
        "!(payment.benefit == 'pension' || payment.amount < 50000) && person.death_date == null",
        "(payment.period < retirement_period(person) || !(payment.amount > 120000)) && payment.bank_account != ''",
    ])
    func blockAnswersAgreeWithTheInterpreter(_ condition: String) throws {
        // (ID sequences stop at 999: the fixture numbers persons from 300.)
        let (columnar, reference, timelines) = try Self.bothEngines(condition, persons: 690, seed: 41)
        #expect(timelines.reduce(0) { $0 + $1.payments.count } > 2 * ColumnPredicate.blockSize)
        #expect(columnar.findings == reference.findings)
        #expect(!columnar.findings.isEmpty)
    }

    /// Joins of a settlement with the person's other settlements (`exists` over the rule's own
    /// list on equal fields), which the scan checks on columns before the rule runs.
    static let joins = [
        "settlements.exists(s, s.settlement_id != settlement.settlement_id && s.admission_date == settlement.admission_date)",
        "settlements.exists(s, s.visit == 'inpatient' && s.institution_id == settlement.institution_id && s.settlement_id != settlement.settlement_id)",
        "settlements.exists(s, s.admission_date == settlement.discharge_date) && settlement.fund_amount > 0",
        "settlements.exists(s, s.region_code == settlement.region_code && s.diagnosis != settlement.diagnosis)",
    ]

    @Test(arguments: joins)
    func eachJoinAgreesWithTheInterpreter(_ condition: String) throws {
        let (columnar, reference, _) = try Self.bothEngines(
            condition, scope: "medical_settlement", category: "医疗违规", persons: 160, seed: 29)
        #expect(columnar.findings == reference.findings)
        #expect(columnar.failures == reference.failures)
    }

    @Test func theScanLeavesOnlyPersonsARuleCanMatch() throws {
        let (rules, errors) = BuiltinRules.load()
        #expect(errors.isEmpty)
        let timelines = Self.population(200, seed: 23)
        let engine = RuleEngine(rules: rules)
        let index = Fixture.index(timelines)
        let counts = Dictionary(
            uniqueKeysWithValues: engine.candidateCounts(engine.prepare(timelines, workers: 1), index: index).map { ($0.id, $0.persons) })
        // A death rule runs only on persons with a registered death.
        let dead = timelines.filter { $0.deathDate != nil }.count
        #expect(dead > 0 && dead < timelines.count)
        #expect(counts["pension_after_death"].map { $0 <= dead } == true)
        // The identity rule runs only where the ID number disagrees with the registered birth
        // date or sex (the fixture registers every person as a man; even sequences are women).
        let mismatched = timelines.filter {
            !$0.enrollments.isEmpty && ($0.birthDate != $0.idNumber.birthDate || $0.sex != $0.idNumber.sex)
        }.count
        #expect(mismatched > 0 && mismatched < timelines.count)
        #expect(counts["enrollment_identity_mismatch"] == mismatched)
        // Unemployment with a pension runs only on persons paid both in one month (the native
        // term `paid_count(person, 'pension', payment.period) > 0`).
        let unemployed = timelines.filter { $0.payments.contains { $0.benefit == .unemployment } }.count
        let paidBoth = timelines.filter { t in
            t.payments.contains { u in
                u.benefit == .unemployment && u.amount.fen > 0
                    && t.payments.contains { $0.benefit == .pension && $0.amount.fen > 0 && $0.period == u.period }
            }
        }.count
        #expect(counts["unemployment_with_pension"] == paidBoth)
        #expect(paidBoth < unemployed)
        // Same-day settlements more than 300 km apart (the native `exists` term).
        let sameDay = timelines.filter { t in Set(t.settlements.map(\.admissionDate)).count < t.settlements.count }.count
        let distant = timelines.filter { t in
            t.settlements.contains { a in
                t.settlements.contains { b in
                    guard b.settlementID != a.settlementID, b.admissionDate == a.admissionDate, let x = b.regionCode, let y = a.regionCode
                    else { return false }
                    return (RegionDistance.kilometres(x, y) ?? 0) > 300
                }
            }
        }.count
        #expect(counts["medical_same_day_distant"] == distant)
        #expect(distant <= sameDay)
        // Every person with a finding of a rule is among its candidates.
        let findings = engine.evaluate(engine.prepare(timelines, workers: 1), index: index, workers: 1).findings
        for rule in engine.rules {
            let found = Set(findings.filter { $0.ruleID == rule.spec.id }.map(\.idNumber)).count
            #expect(counts[rule.spec.id].map { $0 >= found } == true, "\(rule.spec.id)")
        }
    }
}
