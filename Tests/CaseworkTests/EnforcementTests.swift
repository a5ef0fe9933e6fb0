import Casework
import FundWatchCore
import Testing

@Suite struct EnforcementTests {
    static let supervisor = CaseActor(name: "lixia.supervisor", role: .supervisor, regionCode: "370102")
    static let auditor = CaseActor(name: "lixia.auditor", role: .auditor, regionCode: "370102")
    static func day(_ d: Int) -> CivilDate { CivilDate(year: 2026, month: 10, day: d)! }

    @Test func recoveryFollowsPaymentsToZero() throws {
        let plan = [Recovery.Instalment(due: Self.day(20), amount: Money(fen: 200_000)), .init(due: Self.day(10), amount: Money(fen: 100_000))]
        var r = try Recovery.start(owed: Money(fen: 300_000), plan: plan).get()
        #expect(r.plan.map(\.due) == [Self.day(10), Self.day(20)])
        #expect(r.outstanding == Money(fen: 300_000) && !r.isFinished)
        #expect(r.overdueInstalments(on: Self.day(11)).map(\.amount) == [Money(fen: 100_000)])
        r = try r.receiving(Money(fen: 100_000), on: Self.day(5)).get()
        #expect(r.overdueInstalments(on: Self.day(11)).isEmpty)
        #expect(r.overdueInstalments(on: Self.day(21)).map(\.amount) == [Money(fen: 200_000)])
        #expect(r.receiving(Money(fen: 200_001), on: Self.day(6)).refusal?.code == .invalidAmount)
        #expect(r.receiving(.zero, on: Self.day(6)).refusal?.code == .invalidAmount)
        r = try r.receiving(Money(fen: 200_000), on: Self.day(15)).get()
        #expect(r.outstanding == .zero && r.isFinished && r.recoveryRate == 1)
        #expect(r.received == Money(fen: 300_000))
    }

    @Test func recoveryRefusesBadPlans() {
        #expect(Recovery.start(owed: .zero).refusal?.code == .invalidAmount)
        let wrong = [Recovery.Instalment(due: Self.day(1), amount: Money(fen: 100))]
        #expect(Recovery.start(owed: Money(fen: 300), plan: wrong).refusal?.code == .invalidAmount)
        let negative = [Recovery.Instalment(due: Self.day(1), amount: Money(fen: 400)), .init(due: Self.day(2), amount: Money(fen: -100))]
        #expect(Recovery.start(owed: Money(fen: 300), plan: negative).refusal?.code == .invalidAmount)
    }

    @Test func writeOffNeedsASupervisorAndAReason() throws {
        let r = try Recovery.start(owed: Money(fen: 50_000)).get().receiving(Money(fen: 30_000), on: Self.day(1)).get()
        #expect(r.writingOff(Money(fen: 20_000), reason: "当事人死亡无可执行财产", approver: Self.auditor).refusal?.code == .forbidden)
        #expect(r.writingOff(Money(fen: 20_000), reason: "无", approver: Self.supervisor).refusal?.code == .reasonRequired)
        #expect(r.writingOff(Money(fen: 20_001), reason: "当事人死亡无可执行财产", approver: Self.supervisor).refusal?.code == .invalidAmount)
        let done = try r.writingOff(Money(fen: 20_000), reason: "当事人死亡无可执行财产", approver: Self.supervisor).get()
        #expect(done.isFinished && done.writeOffApprovedBy == "lixia.supervisor")
        #expect(done.recoveryRate == 0.6)
    }

    @Test func aWriteOffIsProposedByOnePersonAndApprovedByAnother() throws {
        let leader = CaseActor(name: "jinan.leader", role: .leader, regionCode: "370100")
        let r = try Recovery.start(owed: Money(fen: 50_000)).get()
        #expect(r.proposingWriteOff(Money(fen: 10_000), reason: "当事人死亡无可执行财产", by: leader).refusal?.code == .forbidden)
        #expect(r.proposingWriteOff(Money(fen: 10_000), reason: "无", by: Self.auditor).refusal?.code == .reasonRequired)
        #expect(r.proposingWriteOff(Money(fen: 50_001), reason: "当事人死亡无可执行财产", by: Self.auditor).refusal?.code == .invalidAmount)
        #expect(r.approvingWriteOff(by: Self.supervisor).refusal?.code == .invalidTransition)
        let proposed = try r.proposingWriteOff(Money(fen: 10_000), reason: "当事人死亡无可执行财产", by: Self.supervisor).get()
        #expect(proposed.outstanding == Money(fen: 50_000) && proposed.pendingWriteOff?.proposedBy == "lixia.supervisor")
        #expect(proposed.proposingWriteOff(Money(fen: 1), reason: "再申请一笔核销", by: Self.auditor).refusal?.code == .invalidTransition)
        #expect(proposed.approvingWriteOff(by: Self.supervisor).refusal?.code == .secondPersonRequired)
        #expect(proposed.approvingWriteOff(by: Self.auditor).refusal?.code == .forbidden)
        let approved = try proposed.approvingWriteOff(by: leader).get()
        #expect(approved.writtenOff == Money(fen: 10_000) && approved.pendingWriteOff == nil && approved.writeOffApprovedBy == "jinan.leader")
        // Payments that came in meanwhile are checked again at approval.
        let overtaken = try proposed.receiving(Money(fen: 45_000), on: Self.day(2)).get()
        #expect(overtaken.approvingWriteOff(by: leader).refusal?.code == .invalidAmount)
        #expect(proposed.decliningWriteOff(by: Self.auditor, reason: "证据不足不予核销").refusal?.code == .forbidden)
        let declined = try proposed.decliningWriteOff(by: leader, reason: "证据不足不予核销").get()
        #expect(declined.pendingWriteOff == nil && declined.writtenOff == .zero)
    }

    @Test func freezeRunsOrderedToReleased() throws {
        #expect(Freeze.order(bank: " ", account: "6222").refusal?.code == .invalidInput)
        var f = try Freeze.order(bank: "工商银行历下支行", account: "6222001234567890").get()
        #expect(f.status == .ordered && !f.isFinished)
        #expect(f.applying(.confirmFrozen).refusal?.code == .invalidTransition)
        f = try f.applying(.acknowledge).get()
        #expect(f.applying(.acknowledge).refusal?.code == .invalidTransition)
        f = try f.applying(.confirmFrozen).get()
        #expect(f.status == .frozen)
        f = try f.applying(.release).get()
        #expect(f.isFinished)
        for event in Freeze.Event.allCases { #expect(f.applying(event).refusal?.code == .invalidTransition) }
    }

    @Test func blacklistAppliesWithinItsPeriodUntilLifted() throws {
        #expect(BlacklistEntry.list(.person, subjectID: "", reason: "骗取养老金", start: Self.day(1), end: Self.day(2), sourceCaseID: "c").refusal?.code == .invalidInput)
        #expect(BlacklistEntry.list(.person, subjectID: "x", reason: "", start: Self.day(1), end: Self.day(2), sourceCaseID: "c").refusal?.code == .reasonRequired)
        #expect(BlacklistEntry.list(.person, subjectID: "x", reason: "骗取养老金", start: Self.day(3), end: Self.day(2), sourceCaseID: "c").refusal?.code == .invalidInput)
        let e = try BlacklistEntry.list(.institution, subjectID: "H3701001", reason: "虚构住院骗保", start: Self.day(5), end: Self.day(25), sourceCaseID: "370102-2026-000001").get()
        #expect(!e.isActive(on: Self.day(4)) && e.isActive(on: Self.day(5)) && e.isActive(on: Self.day(25)) && !e.isActive(on: Self.day(26)))
        #expect(e.lifting(by: Self.auditor).refusal?.code == .forbidden)
        let lifted = try e.lifting(by: Self.supervisor).get()
        #expect(!lifted.isActive(on: Self.day(10)))
        #expect(lifted.lifting(by: Self.supervisor).refusal?.code == .invalidTransition)
    }

    @Test func referralRunsSentReceivedFeedback() throws {
        #expect(JudicialReferral.send(to: "", facts: "冒领养老金 3 万元").refusal?.code == .invalidInput)
        var r = try JudicialReferral.send(to: "历下区公安分局", facts: "冒领养老金 3 万元").get()
        #expect(r.withFeedback("已立案侦查").refusal?.code == .invalidTransition)
        r = try r.received().get()
        #expect(r.received().refusal?.code == .invalidTransition)
        #expect(r.withFeedback("").refusal?.code == .reasonRequired)
        r = try r.withFeedback("已立案侦查").get()
        #expect(r.isFinished && r.feedback == "已立案侦查")
    }
}

extension Result {
    var refusal: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
