import Casework
import Testing

/// When each document (文书) may be issued, and how it is numbered.
@Suite struct CaseDocumentTests {
    func facts(
        _ state: CaseState, outcome: CaseOutcome? = nil, owed: Int64 = 0, freeze: Bool = false, referral: Bool = false
    ) -> CaseDocumentFacts {
        CaseDocumentFacts(state: state, outcome: outcome, owedFen: owed, hasFreeze: freeze, hasReferral: referral)
    }

    func allowed(_ kind: CaseDocumentKind, _ f: CaseDocumentFacts) -> Bool {
        if case .success = kind.check(f) { return true }
        return false
    }

    @Test func anAuditNoticeNeedsAnOpenCasePastTheClue() {
        #expect(!allowed(.auditNotice, facts(.clue)))
        #expect(allowed(.auditNotice, facts(.verification)))
        #expect(allowed(.auditNotice, facts(.enforcement)))
        #expect(!allowed(.auditNotice, facts(.closed)))
        #expect(!allowed(.auditNotice, facts(.dismissed)))
    }

    @Test func aRepaymentOrderNeedsAConfirmingDecisionAndAnAmountOwed() {
        #expect(!allowed(.repaymentOrder, facts(.decision, outcome: .noIssue, owed: 100)))
        #expect(!allowed(.repaymentOrder, facts(.decision, outcome: .confirmedFraud, owed: 0)))
        #expect(!allowed(.repaymentOrder, facts(.investigation, owed: 100)))
        #expect(allowed(.repaymentOrder, facts(.decision, outcome: .confirmedFraud, owed: 100)))
        #expect(allowed(.repaymentOrder, facts(.enforcement, outcome: .error, owed: 100)))
        if case .failure(let refusal) = CaseDocumentKind.repaymentOrder.check(facts(.decision, outcome: .error)) {
            #expect(refusal.reason.contains("应追回金额"))
        } else {
            Issue.record("a repayment order without an amount owed was allowed")
        }
    }

    @Test func freezeReferralAndClosingNeedTheirMeasureOrState() {
        #expect(!allowed(.freezeNotice, facts(.enforcement)))
        #expect(allowed(.freezeNotice, facts(.enforcement, freeze: true)))
        #expect(!allowed(.referralLetter, facts(.enforcement, freeze: true)))
        #expect(allowed(.referralLetter, facts(.enforcement, referral: true)))
        #expect(!allowed(.closingReport, facts(.enforcement)))
        #expect(allowed(.closingReport, facts(.closed)))
    }

    @Test func numbersNameOfficeCodeYearAndSequence() {
        #expect(DocumentNumber(office: "历下区", kind: .repaymentOrder, year: 2026, sequence: 3).description == "历下区人社责退〔2026〕3号")
        #expect(Set(CaseDocumentKind.allCases.map(\.numberCode)).count == CaseDocumentKind.allCases.count)
        #expect(CaseDocumentKind.allCases.map(\.chinese) == ["稽核通知书", "责令退回通知书", "冻结通知书", "案件移送函", "结案报告"])
    }
}
