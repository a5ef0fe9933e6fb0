public import Foundation

/// The state machine of shared clues: the receiver accepts or returns, the sender may withdraw
/// until then. Refusals carry a reason in Chinese. Which side may take which step is checked by
/// the caller (region scope); this type checks the states and the reasons.
public struct ClueWorkflow: Sendable {
    /// Something that happens to a clue.
    public enum Event: Sendable, Hashable {
        /// The receiver takes it on, optionally naming the case it opened.
        case accept(caseID: String?)
        /// The receiver sends it back with a reason.
        case giveBack(reason: String)
        /// The sender takes it back with a reason.
        case withdraw(reason: String)

        /// The event's name in the history and the ledger.
        public var name: String {
            switch self {
            case .accept: "accept"
            case .giveBack: "return"
            case .withdraw: "withdraw"
            }
        }
    }

    public init() {}

    /// Applies `event` by `actor` at `time`, or says why it is refused.
    public func apply(
        _ event: Event, to clue: ClueTransfer, by actor: String, at time: Date
    ) -> Result<ClueTransfer, CollaborationError> {
        guard clue.state == .sent else {
            return .failure(
                CollaborationError(.invalidTransition, "线索当前为「\(clue.state.chinese)」，已处理的线索不能再接收、退回或撤回"))
        }
        var next = clue
        next.handledBy = actor
        next.handledAt = time
        switch event {
        case .accept(let caseID):
            next.state = .accepted
            next.receiverCaseID = caseID.flatMap { $0.isEmpty ? nil : $0 }
        case .giveBack(let reason), .withdraw(let reason):
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else {
                return .failure(
                    CollaborationError(
                        .reasonRequired, event.name == "return" ? "退回线索须写明原因" : "撤回线索须写明原因"))
            }
            next.state = event.name == "return" ? .returned : .withdrawn
            next.reason = reason
        }
        return .success(next)
    }
}
