/// What a person may do to a case. The web app maps its user roles onto these, so the case
/// rules do not depend on how accounts are stored.
public enum CaseRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// 稽核员: checks clues, investigates, records enforcement steps.
    case auditor
    /// 复核员: reviews others' work; files cases and reviews appeals.
    case reviewer
    /// 科长/主管: decides, approves write-offs, signs off supervised cases, reopens.
    case supervisor
    /// 领导: like a supervisor for supervision and write-offs, but does not investigate.
    case leader

    /// The role's name as staff call it.
    public var chinese: String {
        switch self {
        case .auditor: "稽核员"
        case .reviewer: "复核员"
        case .supervisor: "科长/主管"
        case .leader: "领导"
        }
    }
}
