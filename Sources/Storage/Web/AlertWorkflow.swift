import Foundation

/// The alert workflow as a pure state machine: given an alert's state, who acts and what they
/// do, it returns the next state or a refusal. No I/O and no clock; the store applies the result.
///
/// new → acknowledged → assigned → dismissed / case. A red alert is dismissed in two steps by two
/// people: one proposes with a written reason, a reviewer or supervisor who is not the proposer
/// confirms (强制人工复核).
public struct AlertWorkflow: Sendable {
    /// What the workflow knows of an alert.
    public struct State: Sendable, Hashable {
        public var status: AlertStatus
        public var severity: String
        public var assignee: String?
        /// Who proposed the pending dismissal.
        public var proposedBy: String?
        /// The written reason of the pending or final dismissal.
        public var reason: String?

        public init(
            status: AlertStatus, severity: String, assignee: String? = nil, proposedBy: String? = nil,
            reason: String? = nil
        ) {
            self.status = status
            self.severity = severity
            self.assignee = assignee
            self.proposedBy = proposedBy
            self.reason = reason
        }
    }

    /// Who acts: their ledger name and their role.
    public struct Actor: Sendable, Hashable {
        public var name: String
        public var role: UserRole

        public init(name: String, role: UserRole) {
            self.name = name
            self.role = role
        }
    }

    /// A reason shorter than this is not a written reason.
    public static let minimumReasonLength = 4

    public init() {}

    /// The state after `action`, or the reason it is refused.
    public func apply(_ action: AlertAction, to state: State, by actor: Actor) -> Result<State, WebStoreError> {
        guard actor.role.worksAlerts else {
            return .failure(WebStoreError(.forbidden, "\(actor.role.chinese)不能处理预警"))
        }
        if state.status.isClosed {
            return .failure(WebStoreError(.invalidTransition, "预警已\(state.status.chinese)，不能再操作"))
        }
        var next = state
        switch action {
        case .acknowledge:
            guard state.status == .new else { return refuse(action, state) }
            next.status = .acknowledged
        case .assign(let assignee):
            guard [.new, .acknowledged, .assigned].contains(state.status) else { return refuse(action, state) }
            let who = assignee.trimmingCharacters(in: .whitespaces)
            guard !who.isEmpty else { return .failure(WebStoreError(.invalidTransition, "分派时请填写承办人")) }
            next.status = .assigned
            next.assignee = who
        case .dismiss(let reason):
            guard [.new, .acknowledged, .assigned].contains(state.status) else { return refuse(action, state) }
            guard let reason = Self.writtenReason(reason) else {
                return .failure(WebStoreError(.reasonRequired, "排除预警须写明理由（至少 \(Self.minimumReasonLength) 个字）"))
            }
            next.reason = reason
            if state.severity == "red" {
                next.status = .dismissalProposed
                next.proposedBy = actor.name
            } else {
                next.status = .dismissed
            }
        case .confirmDismissal:
            guard state.status == .dismissalProposed else { return refuse(action, state) }
            guard actor.role.confirmsDismissals else {
                return .failure(WebStoreError(.forbidden, "红色预警的排除须由复核员或科长确认"))
            }
            guard actor.name != state.proposedBy else {
                return .failure(WebStoreError(.secondPersonRequired, "红色预警的排除须由提出人以外的另一人复核确认"))
            }
            next.status = .dismissed
        case .rejectDismissal(let reason):
            guard state.status == .dismissalProposed else { return refuse(action, state) }
            guard actor.role.confirmsDismissals, actor.name != state.proposedBy else {
                return .failure(WebStoreError(.secondPersonRequired, "退回排除申请须由提出人以外的复核员或科长操作"))
            }
            guard let reason = Self.writtenReason(reason) else {
                return .failure(WebStoreError(.reasonRequired, "退回须写明理由（至少 \(Self.minimumReasonLength) 个字）"))
            }
            next.status = state.assignee == nil ? .acknowledged : .assigned
            next.proposedBy = nil
            next.reason = reason
        case .openCase:
            guard [.new, .acknowledged, .assigned].contains(state.status) else { return refuse(action, state) }
            next.status = .case
        }
        return .success(next)
    }

    private func refuse(_ action: AlertAction, _ state: State) -> Result<State, WebStoreError> {
        .failure(WebStoreError(.invalidTransition, "预警当前为“\(state.status.chinese)”，不能执行 \(action.name)"))
    }

    static func writtenReason(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count >= minimumReasonLength ? trimmed : nil
    }
}
