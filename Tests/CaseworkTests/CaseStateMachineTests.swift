import Casework
import Foundation
import Testing

/// Every action from every state: allowed exactly where the workflow says, refused elsewhere
/// as an invalid transition; then each rule's refusals.
@Suite struct CaseStateMachineTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    let machine = CaseStateMachine(
        deadlines: DeadlineTable(byType: ["medical_fraud": ["verification": 30]]), appealWindowDays: 60)
    static let auditor = CaseActor(name: "lixia.auditor", role: .auditor, regionCode: "370102")
    static let reviewer = CaseActor(name: "lixia.reviewer", role: .reviewer, regionCode: "370102")
    static let supervisor = CaseActor(name: "lixia.supervisor", role: .supervisor, regionCode: "370102")
    static let citySupervisor = CaseActor(name: "jinan.supervisor", role: .supervisor, regionCode: "370100")
    static let leader = CaseActor(name: "lixia.leader", role: .leader, regionCode: "370102")

    /// A case in `state` as it would be after the normal path to it.
    static func file(_ state: CaseState, outcome: CaseOutcome = .confirmedFraud) -> CaseFile {
        var f = CaseFile(state: state, regionCode: "370102", caseType: "pension_after_death")
        if [.decision, .enforcement, .appeal].contains(state) {
            f.decidedBy = supervisor.name
            f.decidedAt = now.addingTimeInterval(-86_400)
            f.outcome = outcome
        }
        if state == .appeal { f.stateBeforeAppeal = .decision }
        return f
    }

    /// One action with who may take it and the states it starts from (and where it leads).
    struct Row: Sendable, CustomTestStringConvertible {
        let action: CaseAction
        let actor: CaseActor
        let from: [CaseState: CaseState]
        var testDescription: String { action.name }
    }

    static let rows: [Row] = [
        Row(action: .startVerification, actor: auditor, from: [.clue: .verification]),
        Row(action: .dismiss(reason: "线索与事实不符"), actor: auditor, from: [.clue: .dismissed, .verification: .dismissed]),
        Row(action: .fileCase, actor: reviewer, from: [.verification: .investigation]),
        Row(
            action: .decide(outcome: .confirmedFraud, summary: "死亡后冒领养老金 12 个月"), actor: supervisor,
            from: [.investigation: .decision]),
        Row(action: .startEnforcement, actor: auditor, from: [.decision: .enforcement]),
        Row(action: .lodgeAppeal(reason: "家属称已退回部分款项"), actor: auditor, from: [.decision: .appeal, .enforcement: .appeal]),
        Row(action: .reviewAppeal(upheld: true, reason: "申诉理由不成立"), actor: reviewer, from: [.appeal: .decision]),
        Row(action: .close(summary: "款项全部追回，结案"), actor: reviewer, from: [.enforcement: .closed]),
        Row(action: .reopen(reason: "发现新的冒领证据"), actor: supervisor, from: [.closed: .verification, .dismissed: .verification]),
        Row(
            action: .supervise(deadline: now.addingTimeInterval(86_400 * 20)), actor: citySupervisor,
            from: [
                .clue: .clue, .verification: .verification, .investigation: .investigation, .decision: .decision,
                .enforcement: .enforcement, .appeal: .appeal,
            ]),
    ]

    static let matrix: [(Row, CaseState)] = rows.flatMap { row in CaseState.allCases.map { (row, $0) } }

    @Test("every action from every state", arguments: matrix)
    func transitionMatrix(_ row: Row, _ state: CaseState) {
        let result = machine.apply(row.action, to: Self.file(state), by: row.actor, at: Self.now)
        if let to = row.from[state] {
            let step = result.step
            #expect(step?.from == state)
            #expect(step?.to == to, "\(row.action.name) from \(state) should lead to \(to), got \(String(describing: result))")
        } else {
            #expect(result.refusal?.code == .invalidTransition, "\(row.action.name) from \(state) must be refused")
            #expect(result.refusal?.reason.contains(state.chinese) == true)
        }
    }

    @Test func stepsCreateTasksWithTheTypesDeadline() throws {
        let verification = try #require(
            machine.apply(.startVerification, to: Self.file(.clue), by: Self.auditor, at: Self.now).step)
        #expect(verification.tasks == [TaskDraft(kind: "verification", title: "核查线索", due: Self.now.addingTimeInterval(15 * 86_400))])
        #expect(verification.effects.contains(.closesOpenTasks))
        var medical = Self.file(.clue)
        medical.caseType = "medical_fraud"
        let longer = try #require(machine.apply(.startVerification, to: medical, by: Self.auditor, at: Self.now).step)
        #expect(longer.tasks.first?.due == Self.now.addingTimeInterval(30 * 86_400))
        let filed = try #require(machine.apply(.fileCase, to: Self.file(.verification), by: Self.supervisor, at: Self.now).step)
        #expect(filed.tasks.map(\.kind) == ["investigation"])
    }

    @Test func decisionRecordsTheDeciderAndOutcome() throws {
        let step = try #require(
            machine.apply(
                .decide(outcome: .error, summary: "经办差错导致多发"), to: Self.file(.investigation), by: Self.supervisor,
                at: Self.now
            ).step)
        #expect(step.next.decidedBy == "lixia.supervisor")
        #expect(step.next.decidedAt == Self.now)
        #expect(step.next.outcome == .error)
        #expect(step.effects.contains(.decided(outcome: .error, by: "lixia.supervisor")))
    }

    @Test(arguments: [CaseRole.auditor, .reviewer, .leader])
    func onlyASupervisorDecides(_ role: CaseRole) {
        let actor = CaseActor(name: "x", role: role, regionCode: "370102")
        let r = machine.apply(.decide(outcome: .confirmedFraud, summary: "事实清楚证据确凿"), to: Self.file(.investigation), by: actor, at: Self.now)
        #expect(r.refusal?.code == .forbidden)
    }

    @Test(arguments: [CaseRole.auditor, .leader])
    func filingNeedsAReviewerOrSupervisor(_ role: CaseRole) {
        let r = machine.apply(.fileCase, to: Self.file(.verification), by: CaseActor(name: "x", role: role, regionCode: "370102"), at: Self.now)
        #expect(r.refusal?.code == .forbidden)
    }

    @Test func leadersDoNotWorkCases() {
        #expect(machine.apply(.startVerification, to: Self.file(.clue), by: Self.leader, at: Self.now).refusal?.code == .forbidden)
        #expect(machine.apply(.dismiss(reason: "不予立案理由"), to: Self.file(.clue), by: Self.leader, at: Self.now).refusal?.code == .forbidden)
        #expect(machine.apply(.startEnforcement, to: Self.file(.decision), by: Self.leader, at: Self.now).refusal?.code == .forbidden)
        #expect(machine.apply(.lodgeAppeal(reason: "申诉理由充分"), to: Self.file(.decision), by: Self.leader, at: Self.now).refusal?.code == .forbidden)
    }

    @Test(arguments: ["", "  ", "不行"])
    func writtenReasonsAreRequired(_ reason: String) {
        let checks: [(CaseAction, CaseState, CaseActor)] = [
            (.dismiss(reason: reason), .verification, Self.auditor),
            (.reopen(reason: reason), .closed, Self.supervisor),
            (.lodgeAppeal(reason: reason), .decision, Self.auditor),
            (.reviewAppeal(upheld: false, reason: reason), .appeal, Self.reviewer),
            (.decide(outcome: .confirmedFraud, summary: reason), .investigation, Self.supervisor),
            (.close(summary: reason), .enforcement, Self.reviewer),
        ]
        for (action, state, actor) in checks {
            #expect(machine.apply(action, to: Self.file(state), by: actor, at: Self.now).refusal?.code == .reasonRequired, "\(action.name)")
        }
    }

    @Test func appealWindowIsConfigurableAndEnforced() {
        var decided = Self.file(.decision)
        decided.decidedAt = Self.now.addingTimeInterval(-61 * 86_400)
        let late = machine.apply(.lodgeAppeal(reason: "对处理决定不服"), to: decided, by: Self.auditor, at: Self.now)
        #expect(late.refusal?.code == .appealWindowClosed)
        #expect(late.refusal?.reason.contains("60 日") == true)
        let generous = CaseStateMachine(appealWindowDays: 90)
        let step = generous.apply(.lodgeAppeal(reason: "对处理决定不服"), to: decided, by: Self.auditor, at: Self.now).step
        #expect(step?.to == .appeal)
        #expect(step?.next.stateBeforeAppeal == .decision)
        #expect(step?.tasks.map(\.kind) == ["appeal_review"])
    }

    @Test func appealFromEnforcementReturnsThereWhenUpheld() throws {
        let lodged = try #require(
            machine.apply(.lodgeAppeal(reason: "金额计算有误"), to: Self.file(.enforcement), by: Self.auditor, at: Self.now).step)
        let upheld = try #require(
            machine.apply(.reviewAppeal(upheld: true, reason: "金额核对无误"), to: lodged.next, by: Self.reviewer, at: Self.now).step)
        #expect(upheld.to == .enforcement)
        #expect(upheld.next.stateBeforeAppeal == nil)
    }

    @Test func overturnedAppealReopensTheInvestigation() throws {
        let step = try #require(
            machine.apply(.reviewAppeal(upheld: false, reason: "证据不足，重新调查"), to: Self.file(.appeal), by: Self.reviewer, at: Self.now).step)
        #expect(step.to == .investigation)
        #expect(step.next.decidedBy == nil && step.next.outcome == nil)
        #expect(step.effects.contains(.appealReviewed(upheld: false)))
    }

    @Test func theDeciderCannotReviewTheAppeal() {
        let r = machine.apply(.reviewAppeal(upheld: true, reason: "维持原决定"), to: Self.file(.appeal), by: Self.supervisor, at: Self.now)
        #expect(r.refusal?.code == .secondPersonRequired)
        let auditor = machine.apply(.reviewAppeal(upheld: true, reason: "维持原决定"), to: Self.file(.appeal), by: Self.auditor, at: Self.now)
        #expect(auditor.refusal?.code == .forbidden)
    }

    @Test func noIssueDecisionsCloseWithoutEnforcement() {
        let noIssue = Self.file(.decision, outcome: .noIssue)
        #expect(machine.apply(.startEnforcement, to: noIssue, by: Self.auditor, at: Self.now).refusal?.code == .invalidTransition)
        #expect(machine.apply(.close(summary: "核查未发现问题"), to: noIssue, by: Self.reviewer, at: Self.now).step?.to == .closed)
        let fraud = machine.apply(.close(summary: "直接结案"), to: Self.file(.decision), by: Self.reviewer, at: Self.now)
        #expect(fraud.refusal?.code == .invalidTransition)
        #expect(fraud.refusal?.reason.contains("执行") == true)
    }

    @Test func closingNeedsEveryMeasureFinished() {
        var f = Self.file(.enforcement)
        f.measures = [
            MeasureStatus(kind: .recovery, id: 1, finished: true), MeasureStatus(kind: .freeze, id: 2, finished: false),
        ]
        let r = machine.apply(.close(summary: "追回完毕结案"), to: f, by: Self.reviewer, at: Self.now)
        #expect(r.refusal?.code == .measuresUnfinished)
        #expect(r.refusal?.reason.contains("冻结 #2") == true)
        f.measures[1].finished = true
        #expect(machine.apply(.close(summary: "追回完毕结案"), to: f, by: Self.reviewer, at: Self.now).step?.to == .closed)
        #expect(machine.apply(.close(summary: "追回完毕结案"), to: f, by: Self.auditor, at: Self.now).refusal?.code == .forbidden)
    }

    @Test func supervisionComesFromAHigherRegionAndGatesClosure() throws {
        let deadline = Self.now.addingTimeInterval(86_400 * 20)
        // The county itself, or another county, cannot supervise.
        #expect(machine.apply(.supervise(deadline: deadline), to: Self.file(.enforcement), by: Self.supervisor, at: Self.now).refusal?.code == .forbidden)
        let other = CaseActor(name: "qd", role: .supervisor, regionCode: "370200")
        #expect(machine.apply(.supervise(deadline: deadline), to: Self.file(.enforcement), by: other, at: Self.now).refusal?.code == .forbidden)
        let cityAuditor = CaseActor(name: "jn", role: .auditor, regionCode: "370100")
        #expect(machine.apply(.supervise(deadline: deadline), to: Self.file(.enforcement), by: cityAuditor, at: Self.now).refusal?.code == .forbidden)
        #expect(machine.apply(.supervise(deadline: Self.now), to: Self.file(.enforcement), by: Self.citySupervisor, at: Self.now).refusal?.code == .invalidInput)
        let supervised = try #require(
            machine.apply(.supervise(deadline: deadline), to: Self.file(.enforcement), by: Self.citySupervisor, at: Self.now).step)
        #expect(supervised.next.supervision == Supervision(regionCode: "370100", by: "jinan.supervisor", deadline: deadline))
        #expect(supervised.tasks == [TaskDraft(kind: "supervision", title: "督办事项", due: deadline)])
        // Without sign-off the case cannot close.
        let refused = machine.apply(.close(summary: "执行完毕结案"), to: supervised.next, by: Self.reviewer, at: Self.now)
        #expect(refused.refusal?.code == .signOffRequired)
        // The county cannot sign off its own supervised case; the province (above the city) can.
        #expect(machine.apply(.signOff, to: supervised.next, by: Self.supervisor, at: Self.now).refusal?.code == .forbidden)
        let province = CaseActor(name: "sd", role: .leader, regionCode: "370000")
        #expect(machine.apply(.signOff, to: supervised.next, by: province, at: Self.now).step != nil)
        let signed = try #require(machine.apply(.signOff, to: supervised.next, by: Self.citySupervisor, at: Self.now).step)
        #expect(signed.to == .enforcement)
        #expect(signed.next.supervision?.signedOffBy == "jinan.supervisor")
        #expect(!signed.effects.contains(.closesOpenTasks))
        #expect(machine.apply(.signOff, to: signed.next, by: Self.citySupervisor, at: Self.now).refusal?.code == .invalidTransition)
        #expect(machine.apply(.close(summary: "执行完毕结案"), to: signed.next, by: Self.reviewer, at: Self.now).step?.to == .closed)
    }

    @Test func signOffNeedsSupervision() {
        #expect(machine.apply(.signOff, to: Self.file(.enforcement), by: Self.citySupervisor, at: Self.now).refusal?.code == .invalidTransition)
        var closed = Self.file(.closed)
        closed.supervision = Supervision(regionCode: "370100", by: "x", deadline: Self.now)
        #expect(machine.apply(.signOff, to: closed, by: Self.citySupervisor, at: Self.now).refusal?.code == .invalidTransition)
    }

    @Test func reopeningNeedsASupervisorAndClearsTheDecision() throws {
        #expect(machine.apply(.reopen(reason: "发现新证据"), to: Self.file(.closed), by: Self.auditor, at: Self.now).refusal?.code == .forbidden)
        #expect(machine.apply(.reopen(reason: "发现新证据"), to: Self.file(.closed), by: Self.leader, at: Self.now).refusal?.code == .forbidden)
        var closed = Self.file(.closed)
        closed.decidedBy = "someone"
        closed.supervision = Supervision(regionCode: "370100", by: "x", deadline: Self.now, signedOffBy: "x")
        let step = try #require(machine.apply(.reopen(reason: "发现新证据"), to: closed, by: Self.supervisor, at: Self.now).step)
        #expect(step.to == .verification)
        #expect(step.next.decidedBy == nil)
        #expect(step.next.supervision?.signedOffBy == nil)
        #expect(step.effects.contains(.reopened))
        #expect(step.tasks.map(\.title) == ["重新核查"])
    }

    @Test func allowedActionsListTheNextSteps() {
        let names = machine.allowedActions(for: Self.file(.verification), by: Self.reviewer, at: Self.now).map(\.name)
        #expect(names == ["dismiss", "file_case"])
        let auditorNames = machine.allowedActions(for: Self.file(.verification), by: Self.auditor, at: Self.now).map(\.name)
        #expect(auditorNames == ["dismiss"])
        #expect(machine.allowedActions(for: Self.file(.closed), by: Self.auditor, at: Self.now).isEmpty)
    }
}
