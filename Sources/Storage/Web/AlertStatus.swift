/// Where an alert stands in its workflow.
public enum AlertStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Raised, nobody has looked yet.
    case new
    /// Someone has seen it.
    case acknowledged
    /// Someone is working on it.
    case assigned
    /// A red alert that one person proposed to dismiss; waits for a second person (强制人工复核).
    case dismissalProposed = "dismissal_proposed"
    /// Closed as not a problem, with a written reason.
    case dismissed
    /// Turned into a case (立案).
    case `case`

    /// The status as staff read it.
    public var chinese: String {
        switch self {
        case .new: "新预警"
        case .acknowledged: "已确认"
        case .assigned: "已分派"
        case .dismissalProposed: "待复核排除"
        case .dismissed: "已排除"
        case .case: "已立案"
        }
    }

    /// Whether nothing more can happen to the alert.
    public var isClosed: Bool { self == .dismissed || self == .case }
}
