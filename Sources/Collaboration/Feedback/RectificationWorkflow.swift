import Foundation

/// The state machine of rectification tasks. The owner starts and submits; someone else verifies
/// or sends it back, with a note. Refusals carry a reason in Chinese.
public struct RectificationWorkflow: Sendable {
    /// Something that happens to a task.
    public enum Event: Sendable, Hashable {
        case start
        /// The owner reports what was changed.
        case submit(report: String)
        /// The checker accepts the work.
        case verify(note: String?)
        /// The checker sends it back, saying what is missing.
        case reject(reason: String)

        /// The event's name in the history and the ledger.
        public var name: String {
            switch self {
            case .start: "start"
            case .submit: "submit"
            case .verify: "verify"
            case .reject: "reject"
            }
        }
    }

    public init() {}

    /// Applies `event` by `actor` (a ledger name), or says why it is refused.
    public func apply(_ event: Event, to task: Rectification, by actor: String) -> Result<Rectification, CollaborationError> {
        var next = task
        func refuse(_ reason: String) -> Result<Rectification, CollaborationError> {
            .failure(CollaborationError(.invalidTransition, reason))
        }
        switch event {
        case .start:
            guard task.state == .open else { return refuse("整改任务当前为「\(task.state.chinese)」，只有待整改的任务可以开始") }
            guard actor == task.owner else {
                return .failure(CollaborationError(.invalidTransition, "只有责任人可以开始整改"))
            }
            next.state = .inProgress
        case .submit(let report):
            guard task.state == .inProgress else {
                return refuse("整改任务当前为「\(task.state.chinese)」，只有整改中的任务可以提交验收")
            }
            guard actor == task.owner else { return refuse("只有责任人可以提交整改结果") }
            guard !report.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .failure(CollaborationError(.reasonRequired, "提交验收须写明整改情况（report）"))
            }
            next.state = .submitted
            next.report = report
        case .verify(let note):
            guard task.state == .submitted else {
                return refuse("整改任务当前为「\(task.state.chinese)」，只有待验收的任务可以验收")
            }
            guard actor != task.owner else {
                return .failure(CollaborationError(.secondPersonRequired, "责任人不能验收自己的整改，须由他人验收"))
            }
            next.state = .verified
            next.verifiedBy = actor
            next.verificationNote = note.flatMap { $0.isEmpty ? nil : $0 }
        case .reject(let reason):
            guard task.state == .submitted else {
                return refuse("整改任务当前为「\(task.state.chinese)」，只有待验收的任务可以退回")
            }
            guard actor != task.owner else {
                return .failure(CollaborationError(.secondPersonRequired, "责任人不能退回自己的整改，须由他人验收"))
            }
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .failure(CollaborationError(.reasonRequired, "退回整改须写明原因"))
            }
            next.state = .inProgress
            next.verificationNote = reason
        }
        return .success(next)
    }
}
