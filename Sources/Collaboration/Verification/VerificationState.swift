/// Where a verification request stands.
///
/// ```
/// draft ──send──► sent ──answer──► answered ──close──► closed
///   │               │                  ▲
///   │            deadline              │ answer (late)
///   │               ▼                  │
///   └─withdraw─► closed ◄──close──  overdue
/// ```
public enum VerificationState: String, Sendable, Hashable, Codable, CaseIterable {
    /// 草稿: written, not yet sent; the sender may still change it.
    case draft
    /// 已发送: waiting for the department's answer.
    case sent
    /// 已回复: the department answered; the answer is evidence of the case.
    case answered
    /// 已逾期: the deadline passed without an answer; reminders turn into escalation.
    case overdue
    /// 已关闭: finished, with or without an answer.
    case closed

    /// The state's name as staff read it.
    public var chinese: String {
        switch self {
        case .draft: "草稿"
        case .sent: "已发送"
        case .answered: "已回复"
        case .overdue: "已逾期"
        case .closed: "已关闭"
        }
    }

    /// Whether the department still owes an answer.
    public var awaitsAnswer: Bool { self == .sent || self == .overdue }
}
