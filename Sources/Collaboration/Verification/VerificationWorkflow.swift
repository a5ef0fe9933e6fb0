public import Foundation

/// The state machine of verification requests: each event either yields the next request and
/// what to do about it, or is refused with a reason in Chinese. No I/O and no wall clock: the
/// time of every event is passed in.
public struct VerificationWorkflow: Sendable {
    /// Something that happens to a request.
    public enum Event: Sendable, Hashable {
        /// The sender sends the draft; the deadline starts.
        case send
        /// The addressed department answers (late answers to an overdue request are accepted).
        case answer(VerificationAnswer, from: Department)
        /// A reminder went out to the department.
        case remind
        /// The deadline passed without an answer.
        case deadlinePassed
        /// The overdue request is escalated to `level`.
        case escalate(level: Int)
        /// The sender closes an answered request, having taken the answer into the case.
        case close(note: String?)
        /// The sender withdraws an unanswered request, with a reason.
        case withdraw(reason: String)

        /// The event's name in the history and the ledger.
        public var name: String {
            switch self {
            case .send: "send"
            case .answer: "answer"
            case .remind: "remind"
            case .deadlinePassed: "deadline_passed"
            case .escalate: "escalate"
            case .close: "close"
            case .withdraw: "withdraw"
            }
        }
    }

    /// What the caller carries out after a transition.
    public enum Effect: Sendable, Hashable {
        /// Deliver the request to the department's queue (and its system, if it polls the API).
        case deliverToDepartment
        /// Remind the department; `daysLeft` whole days remain.
        case remindDepartment(daysLeft: Int)
        /// Put the answer into the case's evidence; `late` when it came after the deadline.
        case recordEvidence(late: Bool)
        /// Tell the sender's side that the request is overdue.
        case notifySenderOverdue
        /// Escalate: level 1 to the sender's supervisor, level 2 to the region above.
        case escalate(level: Int)
    }

    /// A successful transition.
    public struct Transition: Sendable, Hashable {
        public var request: VerificationRequest
        public var effects: [Effect]

        public init(request: VerificationRequest, effects: [Effect]) {
            self.request = request
            self.effects = effects
        }
    }

    public let policy: VerificationPolicy

    public init(policy: VerificationPolicy = .standard) { self.policy = policy }

    /// Applies `event` at `time`, or says why it is refused.
    public func apply(
        _ event: Event, to request: VerificationRequest, at time: Date
    ) -> Result<Transition, CollaborationError> {
        var next = request
        func refuse(_ reason: String) -> Result<Transition, CollaborationError> {
            .failure(CollaborationError(.invalidTransition, reason))
        }
        let state = request.state
        switch event {
        case .send:
            guard state == .draft else { return refuse("协查当前为「\(state.chinese)」，只有草稿可以发送") }
            next.state = .sent
            next.sentAt = time
            next.deadline = policy.deadline(for: request.kind, sentAt: time)
            return .success(Transition(request: next, effects: [.deliverToDepartment]))

        case .answer(var answer, let department):
            switch state {
            case .draft: return refuse("协查尚未发送，不能答复")
            case .answered: return refuse("该协查已经答复，不能重复答复；如需更正请联系发起地区")
            case .closed: return refuse("该协查已关闭，不能再答复")
            case .sent, .overdue: break
            }
            guard department == request.department else {
                return .failure(
                    CollaborationError(
                        .wrongDepartment, "该协查发给\(request.department.chinese)，\(department.chinese)不能答复"))
            }
            answer.answeredAt = time
            do { try answer.validate(for: request.kind) } catch { return .failure(error) }
            next.answer = answer
            next.state = .answered
            return .success(Transition(request: next, effects: [.recordEvidence(late: state == .overdue)]))

        case .remind:
            guard state == .sent, let deadline = request.deadline else {
                return refuse("只有已发送、未到期的协查需要催办，当前为「\(state.chinese)」")
            }
            next.remindersSent += 1
            let daysLeft = Int((deadline.timeIntervalSince(time) / 86_400).rounded(.up))
            return .success(Transition(request: next, effects: [.remindDepartment(daysLeft: max(0, daysLeft))]))

        case .deadlinePassed:
            guard state == .sent, let deadline = request.deadline else {
                return refuse("只有已发送的协查会逾期，当前为「\(state.chinese)」")
            }
            guard time >= deadline else { return refuse("协查尚未到期，不能标记逾期") }
            next.state = .overdue
            return .success(Transition(request: next, effects: [.notifySenderOverdue]))

        case .escalate(let level):
            guard state == .overdue else { return refuse("只有逾期的协查可以升级督办，当前为「\(state.chinese)」") }
            guard level == request.escalationLevel + 1 else {
                return refuse("协查已升级到第 \(request.escalationLevel) 级，下一次只能升级到第 \(request.escalationLevel + 1) 级")
            }
            next.escalationLevel = level
            return .success(Transition(request: next, effects: [.escalate(level: level)]))

        case .close(let note):
            guard state == .answered else {
                return refuse(
                    state == .closed
                        ? "该协查已关闭" : "协查当前为「\(state.chinese)」，只有已答复的协查可以关闭；未答复的请撤回并写明原因")
            }
            next.state = .closed
            next.closedAt = time
            next.closingNote = note.flatMap { $0.isEmpty ? nil : $0 }
            return .success(Transition(request: next, effects: []))

        case .withdraw(let reason):
            guard [.draft, .sent, .overdue].contains(state) else {
                return refuse("协查当前为「\(state.chinese)」，已答复或已关闭的协查不能撤回")
            }
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .failure(CollaborationError(.reasonRequired, "撤回协查须写明原因"))
            }
            next.state = .closed
            next.closedAt = time
            next.closingNote = reason
            return .success(Transition(request: next, effects: []))
        }
    }
}
