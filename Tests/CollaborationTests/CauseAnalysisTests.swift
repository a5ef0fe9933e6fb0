import Collaboration
import Foundation
import FundWatchCore
import Testing

@Suite("Outcome feedback and cause analysis")
struct CauseAnalysisTests {
    static func outcomes() -> [CaseOutcome] {
        var out = [CaseOutcome]()
        var n = 0
        func add(
            _ rule: String, _ region: String, _ verdict: OutcomeVerdict, delay: Int? = nil, institution: String? = nil,
            op: String? = nil, channel: String? = nil, on date: String = "2026-03-10"
        ) {
            n += 1
            out.append(
                CaseOutcome(
                    caseID: String(format: "C%03d", n), ruleID: rule, regionCode: region, institutionID: institution,
                    operatorID: op, channel: channel, verdict: verdict, decidedOn: Fixtures.date(date),
                    amountFen: verdict == .noIssue ? 0 : 100_000, registrationDelayDays: delay))
        }
        for delay in [90, 75, 120, 20] { add("pension_after_death", "370102", .confirmedFraud, delay: delay) }
        for delay in [10, 20, 70] { add("pension_after_death", "370103", .confirmedFraud, delay: delay) }
        // Outside the period: would tip 370103 over the late-registration threshold if counted.
        add("pension_after_death", "370103", .confirmedFraud, delay: 200, on: "2025-12-01")
        for _ in 0..<3 { add("medical_split_stay", "370202", .confirmedFraud, institution: "H-1", channel: "agent") }
        for _ in 0..<2 { add("medical_split_stay", "370202", .confirmedFraud, institution: "H-2", channel: "counter") }
        for op in ["OP-7", "OP-7", "OP-7", "OP-8"] {
            add("unemployment_while_employed", "370102", .error, op: op, channel: "counter")
        }
        add("test_noisy", "370102", .confirmedFraud, channel: "counter")
        for _ in 0..<5 { add("test_noisy", "370102", .noIssue, channel: "counter") }
        return out
    }

    static let report = CauseAnalysis.report(
        outcomes: outcomes(), from: Fixtures.date("2026-01-01"), to: Fixtures.date("2026-06-30"), scopeRegion: "370000")

    @Test func precisionPerRule() throws {
        let byRule = Dictionary(uniqueKeysWithValues: Self.report.precision.map { ($0.ruleID, $0) })
        #expect(Self.report.totalCases == 22)
        let death = try #require(byRule["pension_after_death"])
        #expect(death.decided == 7)
        #expect(death.precision == 1)
        let noisy = try #require(byRule["test_noisy"])
        #expect(noisy.decided == 6)
        #expect(noisy.noIssue == 5)
        #expect(abs(noisy.precision - 1.0 / 6) < 1e-9)
        let errors = try #require(byRule["unemployment_while_employed"])
        #expect(errors.precision == 1)
        #expect(errors.fraudPrecision == 0)
    }

    @Test func breakdownsByEveryDimension() {
        let regions = Self.report.breakdowns.filter { $0.dimension == .region }
        #expect(Set(regions.map(\.key)) == ["370102", "370103", "370202"])
        #expect(regions.first { $0.key == "370102" }?.cases == 14)
        let operators = Self.report.breakdowns.filter { $0.dimension == .operator }
        #expect(operators.map(\.key) == ["OP-7", "OP-8"])
        let channels = Self.report.breakdowns.filter { $0.dimension == .channel }
        #expect(channels.first { $0.key == "counter" }?.cases == 12)
        #expect(Self.report.breakdowns.contains { $0.dimension == .institution && $0.key == "H-1" && $0.confirmedFraud == 3 })
    }

    @Test func lateDeathRegistrationSuggestsMonthlyMatching() throws {
        let late = Self.report.suggestions.filter { $0.pattern == .lateDeathRegistration }
        // 370102: 3 of 4 late (75%); 370103: 1 of 3 in the period (the 2025 case does not count).
        #expect(late.map(\.regionCode) == ["370102"])
        let s = try #require(late.first)
        #expect(s.key == "late_death_registration:370102")
        #expect(s.figures["late_cases"] == 3)
        #expect(s.figures["median_delay_days"] == 90)
        #expect(s.observation.contains("4 宗死亡后领取待遇案件中，3 宗（75%）"))
        #expect(s.suggestion.contains("按月与民政"))
        #expect(s.caseIDs == ["C001", "C002", "C003"])

        // With the 2025 case in the period, 370103 reaches 2 of 4 = 50% and is flagged too.
        let wider = CauseAnalysis.report(
            outcomes: Self.outcomes(), from: Fixtures.date("2025-01-01"), to: Fixtures.date("2026-06-30"),
            scopeRegion: "370000")
        #expect(wider.suggestions.filter { $0.pattern == .lateDeathRegistration }.map(\.regionCode) == ["370102", "370103"])
    }

    @Test func otherPatterns() throws {
        let s = Self.report.suggestions
        #expect(s.filter { $0.pattern == .institutionConcentration }.map(\.key) == ["institution_concentration:medical_split_stay:H-1"])
        let op = try #require(s.first { $0.pattern == .operatorErrors })
        #expect(op.key == "operator_errors:OP-7")
        #expect(op.regionCode == "370102")
        #expect(op.figures["share"] == 0.75)
        let channel = try #require(s.first { $0.pattern == .riskyChannel })
        #expect(channel.key == "risky_channel:agent")
        #expect(channel.observation.contains("3 宗查实欺诈（100%）"))
        #expect(s.filter { $0.pattern == .lowPrecisionRule }.map(\.key) == ["low_precision_rule:test_noisy"])
        #expect(s.count == 5)
    }

    @Test func noPatternFromTooFewCases() {
        let few = Array(Self.outcomes().prefix(2))
        let report = CauseAnalysis.report(
            outcomes: few, from: Fixtures.date("2026-01-01"), to: Fixtures.date("2026-12-31"), scopeRegion: "370000")
        #expect(report.suggestions.isEmpty)
        #expect(report.totalCases == 2)
    }

    @Test func outcomeValidation() {
        var bad = Self.outcomes()[0]
        bad.regionCode = "123456"
        #expect(throws: CollaborationError.self) { try bad.validate() }
        bad = Self.outcomes()[0]
        bad.amountFen = -5
        #expect((#expect(throws: CollaborationError.self) { try bad.validate() })?.reason.contains("amount_fen") == true)
    }
}
