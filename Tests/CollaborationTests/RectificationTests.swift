import Collaboration
import Foundation
import FundWatchCore
import Testing

@Suite("Rectification tasks")
struct RectificationTests {
    let suggestion = CauseAnalysisTests.report.suggestions.first { $0.pattern == .lateDeathRegistration }!
    let today = Fixtures.date("2026-09-21")

    func task() throws -> Rectification {
        try Rectification.from(
            suggestion, owner: "user/lixia.supervisor", deadline: Fixtures.date("2026-12-31"), by: "user/jinan.leader",
            at: Fixtures.t0, today: today)
    }

    @Test func createdFromASuggestion() throws {
        let t = try task()
        #expect(t.state == .open)
        #expect(t.regionCode == "370102")
        #expect(t.suggestionKey == "late_death_registration:370102")
        #expect(t.title == suggestion.suggestion)
        #expect(!t.isOverdue(on: Fixtures.date("2026-12-31")))
        #expect(t.isOverdue(on: Fixtures.date("2027-01-01")))
        #expect(throws: CollaborationError.self) {
            try Rectification.from(suggestion, owner: "", deadline: today, by: "x", at: Fixtures.t0, today: today)
        }
        #expect(throws: CollaborationError.self) {
            try Rectification.from(
                suggestion, owner: "o", deadline: Fixtures.date("2026-09-20"), by: "x", at: Fixtures.t0, today: today)
        }
    }

    @Test func everyTransition() throws {
        let w = RectificationWorkflow()
        let owner = "user/lixia.supervisor"
        let checker = "user/jinan.reviewer"
        let open = try task()
        func code(_ e: RectificationWorkflow.Event, _ t: Rectification, _ actor: String) -> CollaborationError.Code? {
            if case .failure(let error) = w.apply(e, to: t, by: actor) { return error.code }
            return nil
        }
        #expect(code(.start, open, checker) == .invalidTransition)
        for e: RectificationWorkflow.Event in [.submit(report: "x"), .verify(note: nil), .reject(reason: "x")] {
            #expect(code(e, open, owner) == .invalidTransition)
        }
        let working = try w.apply(.start, to: open, by: owner).get()
        #expect(working.state == .inProgress)
        #expect(code(.start, working, owner) == .invalidTransition)
        #expect(code(.submit(report: " "), working, owner) == .reasonRequired)
        #expect(code(.submit(report: "x"), working, checker) == .invalidTransition)
        let submitted = try w.apply(.submit(report: "已建立每月 5 日与民政死亡数据比对机制"), to: working, by: owner).get()
        #expect(submitted.state == .submitted)
        #expect(code(.verify(note: nil), submitted, owner) == .secondPersonRequired)
        #expect(code(.reject(reason: "x"), submitted, owner) == .secondPersonRequired)
        #expect(code(.reject(reason: ""), submitted, checker) == .reasonRequired)
        let rejected = try w.apply(.reject(reason: "缺少比对记录"), to: submitted, by: checker).get()
        #expect(rejected.state == .inProgress)
        #expect(rejected.verificationNote == "缺少比对记录")
        let again = try w.apply(.submit(report: "附 10 月比对记录"), to: rejected, by: owner).get()
        let verified = try w.apply(.verify(note: "比对记录齐全"), to: again, by: checker).get()
        #expect(verified.state == .verified)
        #expect(verified.verifiedBy == checker)
        #expect(!verified.isOverdue(on: Fixtures.date("2027-06-01")))
        for e: RectificationWorkflow.Event in [.start, .submit(report: "x"), .verify(note: nil), .reject(reason: "x")] {
            #expect(code(e, verified, checker) == .invalidTransition)
        }
    }
}
