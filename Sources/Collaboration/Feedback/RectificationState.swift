/// Where a rectification task (整改) stands.
///
/// ```
/// open ──start──► in_progress ──submit──► submitted ──verify──► verified
///                      ▲                      │
///                      └───────reject─────────┘
/// ```
public enum RectificationState: String, Sendable, Hashable, Codable, CaseIterable {
    /// 待整改: assigned, not started.
    case open
    /// 整改中: the owner is working on it.
    case inProgress = "in_progress"
    /// 待验收: the owner reported it done; someone else checks.
    case submitted
    /// 已验收: checked and accepted.
    case verified

    /// The state's name as staff read it.
    public var chinese: String {
        switch self {
        case .open: "待整改"
        case .inProgress: "整改中"
        case .submitted: "待验收"
        case .verified: "已验收"
        }
    }
}
