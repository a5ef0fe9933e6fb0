public import Foundation

/// The case workflow as a pure state machine: given a case, who acts, what they do and when,
/// it returns the next state with the tasks and effects of the step, or a refusal with a reason
/// in Chinese. No I/O and no clock of its own; the store applies the result.
///
/// Rules it enforces: a dismissal or reopening needs a written reason; an appeal is lodged
/// within `appealWindowDays` of the decision and reviewed by someone other than the decider;
/// a supervised (督办) case cannot close without the supervisor's sign-off; a case closes only
/// when every enforcement measure is finished.
public struct CaseStateMachine: Sendable {
    /// Task deadlines by case type.
    public var deadlines: DeadlineTable
    /// Days after the decision within which an appeal may be lodged.
    public var appealWindowDays: Int

    /// A reason shorter than this is not a written reason.
    public static let minimumReasonLength = 4

    public init(deadlines: DeadlineTable = DeadlineTable(), appealWindowDays: Int = 60) {
        self.deadlines = deadlines
        self.appealWindowDays = appealWindowDays
    }

    /// The step `action` takes on `file` by `actor` at `now`, or why it is refused.
    public func apply(_ action: CaseAction, to file: CaseFile, by actor: CaseActor, at now: Date) -> CaseTransition {
        var next = file
        var tasks = [TaskDraft]()
        var effects = [CaseEffect]()
        func task(_ kind: CaseState, _ title: String) -> TaskDraft {
            TaskDraft(kind: kind.rawValue, title: title, due: due(kind.rawValue, file.caseType, now))
        }
        switch action {
        case .startVerification:
            guard file.state == .clue else { return wrongState(action, file) }
            guard actor.worksCases else { return forbidden("\(actor.role.chinese)不承办案件，不能开始核查") }
            next.state = .verification
            tasks.append(task(.verification, "核查线索"))

        case .dismiss(let reason):
            guard [.clue, .verification].contains(file.state) else { return wrongState(action, file) }
            guard actor.worksCases else { return forbidden("\(actor.role.chinese)不承办案件，不能作不予立案处理") }
            guard Self.written(reason) else { return needsReason("不予立案须写明理由") }
            next.state = .dismissed

        case .fileCase:
            guard file.state == .verification else { return wrongState(action, file) }
            guard actor.role == .reviewer || actor.role == .supervisor else {
                return forbidden("立案须由复核员或科长批准")
            }
            next.state = .investigation
            tasks.append(task(.investigation, "立案调查"))

        case .decide(let outcome, let summary):
            guard file.state == .investigation else { return wrongState(action, file) }
            guard actor.role == .supervisor else { return forbidden("处理决定须由科长/主管作出") }
            guard Self.written(summary) else { return needsReason("处理决定须写明事实与依据") }
            next.state = .decision
            next.decidedBy = actor.name
            next.decidedAt = now
            next.outcome = outcome
            effects.append(.decided(outcome: outcome, by: actor.name))
            tasks.append(task(.decision, "送达处理决定"))

        case .startEnforcement:
            guard file.state == .decision else { return wrongState(action, file) }
            guard actor.worksCases else { return forbidden("\(actor.role.chinese)不承办案件，不能启动执行") }
            guard file.outcome != .noIssue else {
                return .refused(CaseRefusal(.invalidTransition, "处理决定为“未发现问题”，无需执行，可直接结案"))
            }
            next.state = .enforcement
            tasks.append(task(.enforcement, "执行处理决定"))

        case .lodgeAppeal(let reason):
            guard [.decision, .enforcement].contains(file.state) else { return wrongState(action, file) }
            guard actor.worksCases else { return forbidden("\(actor.role.chinese)不能登记申诉") }
            guard Self.written(reason) else { return needsReason("申诉须写明理由") }
            if let decidedAt = file.decidedAt, now > decidedAt.addingTimeInterval(Double(appealWindowDays) * 86_400) {
                return .refused(
                    CaseRefusal(.appealWindowClosed, "申诉期已过：须在处理决定作出后 \(appealWindowDays) 日内提出"))
            }
            next.state = .appeal
            next.stateBeforeAppeal = file.state
            effects.append(.appealLodged)
            tasks.append(
                TaskDraft(kind: "appeal_review", title: "复核申诉", due: due("appeal_review", file.caseType, now)))

        case .reviewAppeal(let upheld, let reason):
            guard file.state == .appeal else { return wrongState(action, file) }
            guard [.reviewer, .supervisor, .leader].contains(actor.role) else {
                return forbidden("申诉须由复核员、科长或领导复核")
            }
            guard actor.name != file.decidedBy else {
                return .refused(CaseRefusal(.secondPersonRequired, "申诉须由作出处理决定的人以外的另一人复核"))
            }
            guard Self.written(reason) else { return needsReason("申诉复核须写明理由") }
            if upheld {
                next.state = file.stateBeforeAppeal ?? .decision
            } else {
                // The decision falls: the case is investigated again and decided anew.
                next.state = .investigation
                next.decidedBy = nil
                next.decidedAt = nil
                next.outcome = nil
                tasks.append(task(.investigation, "申诉成立，重新调查"))
            }
            next.stateBeforeAppeal = nil
            effects.append(.appealReviewed(upheld: upheld))

        case .supervise(let deadline):
            guard !file.state.isFinished else { return wrongState(action, file) }
            guard actor.leads else { return forbidden("督办须由上级科长/主管或领导设定") }
            guard actor.isAbove(file.regionCode) else {
                return forbidden("督办须由案件所在地的上级地区设定")
            }
            guard deadline > now else {
                return .refused(CaseRefusal(.invalidInput, "督办期限须晚于当前时间"))
            }
            let supervision = Supervision(regionCode: actor.regionCode, by: actor.name, deadline: deadline)
            next.supervision = supervision
            effects.append(.supervised(supervision))
            tasks.append(TaskDraft(kind: "supervision", title: "督办事项", due: deadline))

        case .signOff:
            guard let supervision = file.supervision else {
                return .refused(CaseRefusal(.invalidTransition, "该案件未被督办，无需签批"))
            }
            guard !file.state.isFinished else { return wrongState(action, file) }
            guard supervision.signedOffBy == nil else {
                return .refused(CaseRefusal(.invalidTransition, "督办已由 \(supervision.signedOffBy!) 签批"))
            }
            guard actor.leads,
                actor.regionCode == supervision.regionCode || actor.isAbove(supervision.regionCode)
            else { return forbidden("督办案件须由督办地区的科长/主管或领导签批") }
            next.supervision?.signedOffBy = actor.name
            effects.append(.signedOff(by: actor.name))

        case .close(let summary):
            let closable = file.state == .enforcement || (file.state == .decision && file.outcome == .noIssue)
            guard closable else {
                if file.state == .decision {
                    return .refused(CaseRefusal(.invalidTransition, "处理决定须执行完毕才能结案：请先启动执行"))
                }
                return wrongState(action, file)
            }
            guard actor.role == .reviewer || actor.role == .supervisor else { return forbidden("结案须由复核员或科长批准") }
            guard Self.written(summary) else { return needsReason("结案须写明结案报告摘要") }
            let open = file.measures.filter { !$0.finished }
            guard open.isEmpty else {
                let list = open.map { "\($0.kind.chinese) #\($0.id)" }.joined(separator: "、")
                return .refused(CaseRefusal(.measuresUnfinished, "尚有执行措施未完成：\(list)，完成后才能结案"))
            }
            if let supervision = file.supervision, supervision.signedOffBy == nil {
                return .refused(
                    CaseRefusal(.signOffRequired, "督办案件须经督办地区（\(supervision.regionCode)）签批后才能结案"))
            }
            next.state = .closed

        case .reopen(let reason):
            guard file.state.isFinished else { return wrongState(action, file) }
            guard actor.leads, actor.role != .leader || actor.isAbove(file.regionCode) else {
                return forbidden("重新启动案件须由科长/主管或上级领导批准")
            }
            guard Self.written(reason) else { return needsReason("重新启动案件须写明理由") }
            next.state = .verification
            next.decidedBy = nil
            next.decidedAt = nil
            next.outcome = nil
            next.supervision = next.supervision.map { var s = $0; s.signedOffBy = nil; return s }
            effects.append(.reopened)
            tasks.append(task(.verification, "重新核查"))
        }
        if next.state != file.state { effects.append(.closesOpenTasks) }
        return .allowed(CaseStep(from: file.state, next: next, tasks: tasks, effects: effects))
    }

    /// The actions among `candidates` that `actor` may take now: the case's next steps.
    public func allowedActions(
        for file: CaseFile, by actor: CaseActor, at now: Date, among candidates: [CaseAction]? = nil
    ) -> [CaseAction] {
        let probe = "（由系统探测可用操作）"
        let all: [CaseAction] =
            candidates ?? [
                .startVerification, .dismiss(reason: probe), .fileCase,
                .decide(outcome: .confirmedFraud, summary: probe), .startEnforcement, .lodgeAppeal(reason: probe),
                .reviewAppeal(upheld: true, reason: probe), .supervise(deadline: now.addingTimeInterval(86_400 * 30)),
                .signOff, .close(summary: probe), .reopen(reason: probe),
            ]
        return all.filter { apply($0, to: file, by: actor, at: now).step != nil }
    }

    /// When work of `kind` on a case of `caseType` started at `now` is due, by the deadline table.
    public func deadline(for kind: String, caseType: String, from now: Date) -> Date {
        now.addingTimeInterval(Double(deadlines.days(kind, caseType: caseType)) * 86_400)
    }

    func due(_ kind: String, _ caseType: String, _ now: Date) -> Date {
        deadline(for: kind, caseType: caseType, from: now)
    }

    static func written(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespacesAndNewlines).count >= minimumReasonLength
    }

    private func wrongState(_ action: CaseAction, _ file: CaseFile) -> CaseTransition {
        .refused(CaseRefusal(.invalidTransition, "案件当前为“\(file.state.chinese)”，不能执行 \(action.name)"))
    }

    private func forbidden(_ reason: String) -> CaseTransition {
        .refused(CaseRefusal(.forbidden, reason))
    }

    private func needsReason(_ what: String) -> CaseTransition {
        .refused(CaseRefusal(.reasonRequired, "\(what)（至少 \(Self.minimumReasonLength) 个字）"))
    }
}
