import CEL
import FundWatchCore
import Testing

@testable import AuditRules

/// The column kernels (``ColumnKernel``): each must answer "false" only where its term's native
/// closure answers false, and "true" only where the closure answers true, record by record.
struct ColumnKernelTests {
    /// Random persons (pensioners over and under the age cap, shared accounts, checks) and the
    /// library's hand-built cases, which exercise every built-in rule.
    static func timelines() -> [PersonTimeline] {
        ColumnarPopulationTests.population(200, seed: 23) + RuleCase.all.map(\.fires) + RuleCase.all.map(\.passes)
    }

    @Test func theCostliestBuiltInTermsHaveKernels() {
        let engine = RuleEngine(rules: BuiltinRules.load().rules)
        let kernels = Set(engine.nativeTermKernels.compactMap(\.kernel))
        // One per template of the library (the survival check serves two rules): a template that
        // no longer matches its rule's wording would silently fall back to the closure.
        #expect(kernels.count == ColumnKernel.library.count + ColumnKernel.conditionalLibrary.count)
        let users = Set(engine.nativeTermKernels.filter { $0.kernel != nil }.flatMap(\.rules))
        for rule in [
            "payment_without_enrollment", "pension_no_survival_check", "pension_over_age_cap", "account_holder_mismatch",
            "account_shared_unrelated", "operator_related_payee", "medical_amount_outlier", "pension_amount_outlier",
            "enrollment_duplicate_medical", "enrollment_shell_employer", "enrollment_duplicate_pension",
        ] {
            #expect(users.contains(rule), "\(rule) has no kernel term")
        }
    }

    @Test func everyKernelAgreesWithItsClosure() {
        let timelines = Self.timelines()
        let index = Fixture.index(timelines)
        let engine = RuleEngine(rules: BuiltinRules.load().rules)
        var compared = 0
        var falseAnswers = 0
        for term in engine.columnPlan.nativeTerms {
            guard let kernel = term.kernel, let list = term.list else { continue }
            for timeline in timelines {
                let count = list.count(in: timeline)
                guard count > 0 else { continue }
                var answers = [UInt8](repeating: ColumnKernel.undecided, count: count)
                withUnsafePointer(to: timeline) { pointer in
                    answers.withUnsafeMutableBufferPointer { kernel.decide(pointer, index, $0) }
                }
                let bound = BoundTimeline(timeline, index: index)
                let frame = NativeFrame(bound: bound)
                term.condition.begin(frame, bound)
                for i in 0..<count where answers[i] != ColumnKernel.undecided {
                    let closure = term.condition.evaluate(frame, at: i)
                    let expected: Bool? = answers[i] == ColumnKernel.yes
                    #expect(closure == expected, "\(kernel.name) on \(timeline.idNumber.masked) record \(i): closure \(String(describing: closure))")
                    compared += 1
                    if answers[i] == ColumnKernel.no { falseAnswers += 1 }
                }
            }
        }
        // The population must exercise the kernels, both ways.
        #expect(compared > 1000)
        #expect(falseAnswers > 100 && falseAnswers < compared)
    }

    /// The pension-enrolment kernel orders ties by two texts joined; the order it computes
    /// without joining them must be the joined texts' byte order, including where one part is a
    /// prefix of the other and where non-ASCII bytes sort after ASCII.
    @Test(arguments: [
        ("pension_employee", "110101", "pension_resident", "110101"),
        ("pension_resident", "1101", "pension_resident", "110101"),
        ("pension_resident", "110101", "pension_resident", "1101"),
        ("pension_employee", "", "pension_employe", "e"),
        ("pension_employee", "", "pension_employee", ""),
        ("ab", "é", "abz", ""),
        ("", "", "", "x"),
    ])
    func joinedTextsOrderAsTheirJoin(_ a1: String, _ a2: String, _ b1: String, _ b2: String) {
        #expect(NativeValue.utf8Order(a1, a2, b1, b2) == NativeValue.utf8Order(a1 + a2, b1 + b2))
        #expect(NativeValue.utf8Order(b1, b2, a1, a2) == NativeValue.utf8Order(b1 + b2, a1 + a2))
    }

    @Test func aTemplateMatchesWhateverTheRecordIsCalled() throws {
        let term = try RuleEnvironment.make(scope: .benefitPayment).parse("!enrolled_for(person, record.benefit, record.period)")
        #expect(ColumnKernel.recognise(term, list: .payments, recordNames: ["payment", "record"], costLimit: 1000) != nil)
        // Another list, or another function, has no kernel.
        #expect(ColumnKernel.recognise(term, list: .settlements, recordNames: ["settlement", "record"], costLimit: 1000) == nil)
        let other = try RuleEnvironment.make(scope: .benefitPayment).parse("!enrolled_for(person, payment.benefit, first_day(payment.period))")
        #expect(ColumnKernel.recognise(other, list: .payments, recordNames: ["payment", "record"], costLimit: 1000) == nil)
    }

    @Test func theSurvivalCheckKernelLeavesPersonsNearTheBudgetToTheClosure() throws {
        let term = try RuleEnvironment.make(scope: .benefitPayment).parse(
            "!checks.exists(c, months_between(c.check_date, payment.period) <= 12 && months_between(payment.period, c.check_date) <= 12)")
        let kernel = try #require(ColumnKernel.recognise(term, list: .payments, recordNames: ["payment", "record"], costLimit: 10))
        let timeline = try #require(Self.timelines().first { $0.payments.count > 0 && $0.qualificationChecks.count >= 1 })
        var answers = [UInt8](repeating: ColumnKernel.no, count: timeline.payments.count)
        withUnsafePointer(to: timeline) { pointer in
            answers.withUnsafeMutableBufferPointer { kernel.decide(pointer, .empty, $0) }
        }
        #expect(answers.allSatisfy { $0 == ColumnKernel.undecided })
    }
}
