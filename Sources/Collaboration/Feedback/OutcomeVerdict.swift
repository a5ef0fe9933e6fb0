/// How a case ended: what its finding turned out to be.
public enum OutcomeVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// 查实欺诈: fraud confirmed (冒领、骗保).
    case confirmedFraud = "confirmed_fraud"
    /// 经办差错: a real overpayment by mistake, not fraud; the money still comes back.
    case error
    /// 无问题: the finding was a false alarm.
    case noIssue = "no_issue"

    /// The verdict as staff read it.
    public var chinese: String {
        switch self {
        case .confirmedFraud: "查实欺诈"
        case .error: "经办差错"
        case .noIssue: "无问题"
        }
    }

    /// Whether the finding that opened the case was right (fraud or error).
    public var confirmsFinding: Bool { self != .noIssue }
}
