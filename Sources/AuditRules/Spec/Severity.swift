/// How urgent a finding is (红 · 橙 · 黄).
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case yellow, orange, red

    /// The Chinese label used on alerts.
    public var chinese: String {
        switch self {
        case .red: "红色"
        case .orange: "橙色"
        case .yellow: "黄色"
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
