public import Foundation

/// What an allowed action does: the case as it is afterwards, the tasks it creates and the
/// effects the store records beside the state.
public struct CaseStep: Sendable, Hashable {
    public var from: CaseState
    /// The case after the step (its state may be unchanged, e.g. for supervision or sign-off).
    public var next: CaseFile
    public var tasks: [TaskDraft]
    public var effects: [CaseEffect]

    public var to: CaseState { next.state }
}

/// Something a step records besides the state change.
public enum CaseEffect: Sendable, Hashable {
    case decided(outcome: CaseOutcome, by: String)
    case supervised(Supervision)
    case signedOff(by: String)
    case appealLodged
    case appealReviewed(upheld: Bool)
    case reopened
    /// Tasks still open in the state the case leaves are closed.
    case closesOpenTasks
}

/// A task a step creates; the store gives it the case's assignee.
public struct TaskDraft: Sendable, Hashable, Codable {
    /// What kind of work: the state it belongs to, or `appeal_review`, `supervision`.
    public var kind: String
    /// The task as staff read it.
    public var title: String
    public var due: Date

    public init(kind: String, title: String, due: Date) {
        self.kind = kind
        self.title = title
        self.due = due
    }
}

/// The outcome of applying an action: the step, or why it is refused.
public enum CaseTransition: Sendable, Hashable {
    case allowed(CaseStep)
    case refused(CaseRefusal)

    /// The step, or nil when refused.
    public var step: CaseStep? {
        if case .allowed(let s) = self { return s }
        return nil
    }

    /// The refusal, or nil when allowed.
    public var refusal: CaseRefusal? {
        if case .refused(let r) = self { return r }
        return nil
    }
}
