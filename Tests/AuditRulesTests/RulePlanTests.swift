@testable import AuditRules
import CEL
import FundWatchCore
import Testing

/// The indexed engine (native tests from each rule's syntax tree, interpreter on candidates
/// only) must give exactly what the interpreter gives on every record.
@Suite struct RulePlanTests {
    static let library = BuiltinRules.load().rules
    static func plan(_ id: String) throws -> RulePlan { RulePlan(try #require(library.first { $0.spec.id == id })) }

    @Test func readsTestsFromTopLevelTerms() throws {
        let early = try Self.plan("pension_before_retirement_age")
        #expect(early.recordTests.map(\.field) == ["benefit", "amount"])
        #expect(early.valueTests.map(\.field) == ["period"])
        #expect(early.valueTests.first?.function == "_<_")

        let duplicate = try Self.plan("pension_duplicate")
        #expect(duplicate.countBounds.count == 1 && duplicate.countBounds.first?.limit == 1)

        let death = try Self.plan("pension_after_death")
        // `person.death_date != null` once per person, `net_paid(…, payment.period) > 0` once per
        // month, and the comprehensions over survival checks and inpatient stays (once per person) last.
        #expect(death.recordTests.map(\.field) == ["benefit", "amount"])
        #expect(death.valueTests.map(\.field) == ["period"])
        #expect(death.keyedTerms.map(\.fields) == [[], ["period"], [], []])
        #expect(death.keyedTerms.map(\.iterates) == [false, false, true, true])
        #expect(death.iteratedLists == [.checks, .settlements])

        let cap = try Self.plan("pension_over_age_cap")
        #expect(cap.keyedTerms.map(\.monotone) == [false, true, false])

        let shared = try Self.plan("account_shared_unrelated")
        #expect(shared.keyedTerms.map(\.fields) == [["bank_account"], ["bank_account"]])

        let split = try Self.plan("medical_split_hospitalization")
        #expect(split.requiredLists == [.settlements])
        #expect(try Self.plan("medical_during_custody").needsImprisonment)
        #expect(try Self.plan("back_payment_before_retirement").recordTests.first?.field == "back_payment")
    }

    /// The most positive payments in one month: of one benefit, of any (nil), or of a benefit
    /// no payment can have (none), whatever the payments' order.
    @Test func countBoundsCountPaymentsPerMonth() {
        let id = Fixture.pensionerID
        var payments = Fixture.months.prefix(3).map { Fixture.pension(id, $0) }
        payments.append(Fixture.pension(id, Fixture.months[1], suffix: "b"))
        var unemployment = Fixture.pension(id, Fixture.months[1], suffix: "u")
        unemployment.benefit = .unemployment
        payments.append(unemployment)
        var refund = Fixture.pension(id, Fixture.months[0], suffix: "r")
        refund.amount = Money(fen: -300_000)
        payments.append(refund)
        func bound(_ benefit: String?) -> Int64 {
            RulePlan.CountBound(kind: .paymentsInOneMonth(benefit: benefit), limit: 1).upperBound(payments)
        }
        #expect(bound("pension") == 2)
        #expect(bound("unemployment") == 1)
        #expect(bound(nil) == 3)
        #expect(bound("no_such_benefit") == 0)
        // Out of month order, the same counts.
        payments.reverse()
        #expect(bound("pension") == 2)
        #expect(bound(nil) == 3)
    }

    @Test func fieldReadersGiveTheObjectsValues() throws {
        var t = RuleCase.medicalSplitHospitalization.fires
        t.deaths = [Fixture.death(t.idNumber, "2025-10-01")]
        t.qualificationChecks = Fixture.pensioner().qualificationChecks
        let bound = BoundTimeline(t)
        let lists: [(TimelineList, [String: CELType])] = [
            (.payments, PaymentObject.fields), (.settlements, SettlementObject.fields), (.enrollments, EnrollmentObject.fields),
            (.contributions, ContributionObject.fields), (.injuries, InjuryObject.fields), (.deaths, DeathObject.fields),
            (.custody, CustodyObject.fields), (.employment, EmploymentObject.fields), (.checks, CheckObject.fields),
            (.accounts, AccountObject.fields),
        ]
        var compared = 0
        for (list, fields) in lists {
            for field in fields.keys {
                let read = try #require(list.reader(field), "\(list).\(field)")
                for i in 0..<list.count(in: t) {
                    guard case .object(let object) = bound.element(list, i) else { continue }
                    let expected = try #require(object.field(named: field))
                    #expect(CELValue.celEquals(read(bound, i), expected), "\(list).\(field)")
                    compared += 1
                }
            }
            #expect(list.reader("no_such_field") == nil)
        }
        #expect(compared > 30)
    }

    @Test func anOrOrAnUnknownShapeIsLeftToTheInterpreter() throws {
        let rule = try RuleSpecLoader.load(yaml: """
            id: either
            title: 任一
            category: 数据质量
            scope: benefit_payment
            severity: yellow
            when: payment.benefit == 'pension' || person.death_date != null
            explain: x
            """)
        let plan = RulePlan(rule)
        // Not a record test: the `||` is run alone, once per distinct benefit.
        #expect(plan.recordTests.isEmpty && plan.valueTests.isEmpty)
        #expect(plan.keyedTerms.map(\.fields) == [["benefit"]])
        let t = Fixture.pensioner()
        let indexed = RuleEngine(rules: [rule]).evaluate(t)
        let reference = RuleEngine(rules: [rule], indexed: false).evaluate(t)
        #expect(indexed.findings == reference.findings)
        #expect(indexed.findings.first?.records.count == 12)
    }

    @Test func theLibraryGivesTheSameFindingsOnTheRuleCases() {
        let cases = RuleCase.all
        for c in cases {
            for (t, index) in [(c.fires, c.firesIndex), (c.passes, c.passesIndex)] {
                let indexed = RuleEngine(rules: Self.library).evaluate(t, index: index)
                let reference = RuleEngine(rules: Self.library, indexed: false).evaluate(t, index: index)
                #expect(indexed.findings == reference.findings, "\(c.rule)")
                #expect(indexed.failures == reference.failures, "\(c.rule)")
            }
        }
    }

    @Test func aGeneratedPopulationGivesTheSameFindingsAndFailures() throws {
        // A rule that fails at run time on some records (a bank account is not a date), to check
        // that failures are the same too, and one whose literal is on the left.
        let failing = try RuleSpecLoader.load(yaml: """
            id: failing
            title: 运行错误
            category: 数据质量
            scope: benefit_payment
            severity: yellow
            when: 0 < payment.amount && payment.region_code == '370102' && age_at(person, payment.bank_account) > 3
            explain: x
            """)
        var random = SplitMix(seed: 20_251_125)
        let timelines = (0..<600).map { Self.randomTimeline($0, &random) }
        let index = Fixture.index(timelines)
        let rules = Self.library + [failing]
        let indexed = RuleEngine(rules: rules).evaluate(population: timelines, index: index, workers: 2)
        let reference = RuleEngine(rules: rules, indexed: false).evaluate(population: timelines, index: index, workers: 2)
        #expect(indexed.findings == reference.findings)
        #expect(indexed.failures == reference.failures)
        let fired = Set(indexed.findings.map(\.ruleID))
        #expect(fired.count >= 8, "the generated population should exercise most rules, fired: \(fired.sorted())")
        #expect(indexed.failures.contains { $0.ruleID == "failing" })
    }

    @Test func paymentChecksAgreeWithTheInterpreter() {
        var random = SplitMix(seed: 7)
        let indexed = RuleEngine(rules: Self.library)
        let reference = RuleEngine(rules: Self.library, indexed: false)
        for n in 0..<200 {
            let t = Self.randomTimeline(n, &random)
            let month = Period(year: 2026, month: 1 + Int(random.next() % 3))!
            let next = Fixture.pension(t.idNumber, month, yuan: random.next() % 5 == 0 ? 40_000 : 3000)
            let a = indexed.check(next, timeline: t)
            let b = reference.check(next, timeline: t)
            #expect(a.action == b.action)
            #expect(a.findings == b.findings)
            #expect(a.failures == b.failures)
        }
    }

    /// A pensioner or worker with random irregularities: deaths, custody, duplicate and large
    /// payments, missing checks, shared accounts, hospital stays.
    static func randomTimeline(_ n: Int, _ r: inout SplitMix) -> PersonTimeline {
        // 1924-06-15 turns 101 inside the payments' year: the age cap flips between records.
        let born = ["1922-03-01", "1924-06-15", "1955-06-10", "1968-09-09", "1958-01-20"][r.next() % 5]
        let id = Fixture.id(300 + n, born: born)
        let account = r.next() % 10 == 0 ? "6222000000009999" : "62220000\(100_000 + n)"
        var t = r.next() % 3 == 0 ? Fixture.worker(id) : Fixture.pensioner(id, address: "地址\(n % 50)", account: account)
        if r.next() % 6 == 0 { t.deaths = [Fixture.death(id, "2025-0\(1 + r.next() % 9)-15")] }
        if r.next() % 8 == 0 {
            t.custody = [
                CustodyRecord(
                    idNumber: id, startDate: Fixture.date("2025-04-01"), kind: r.next() % 2 == 0 ? .imprisonment : .detention,
                    endDate: Fixture.date("2025-09-30"))
            ]
        }
        if r.next() % 5 == 0, let first = t.payments.first {
            t.payments.append(Fixture.pension(id, first.period, yuan: r.next() % 2 == 0 ? 3000 : 90_000, suffix: "b"))
        }
        if r.next() % 4 == 0 { t.qualificationChecks = [] }
        if r.next() % 4 == 0 {
            t.settlements = [
                Fixture.settlement(id, "S\(n)a", "2025-03-01", discharge: "2025-03-10", visit: .inpatient),
                Fixture.settlement(id, "S\(n)b", "2025-03-20", discharge: "2025-03-25", visit: .inpatient),
                Fixture.settlement(id, "S\(n)c", "2025-03-20", region: "650102"),
            ]
        }
        if r.next() % 7 == 0 {
            t.payments.append(
                BenefitPayment(
                    paymentID: "U\(n)", idNumber: id, benefit: .unemployment, period: Fixture.period("2025-05"),
                    amount: Money(yuan: 1500), bankAccount: account, regionCode: "370102"))
        }
        return t.sorted()
    }
}

/// A small seeded generator (SplitMix64), so the generated population repeats exactly.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
    }
}
