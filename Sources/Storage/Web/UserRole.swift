/// What a web user may do. Each role's permissions are listed here, in one place, so that a
/// reviewer of the access rules reads one switch.
public enum UserRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// 稽核员: works the alert queue and opens persons.
    case auditor
    /// 复核员: checks others' work; confirms the dismissal of red alerts.
    case reviewer
    /// 科长/主管: runs a section; everything a reviewer does.
    case supervisor
    /// 领导: reads the cockpit and the queue, acts on nothing.
    case leader
    /// 部门联络员: a department's contact; sees imports and the ledger only.
    case liaison
    /// 管理员: users, rules, imports and the ledger; no personal data.
    case admin

    /// The role's name as staff call it.
    public var chinese: String {
        switch self {
        case .auditor: "稽核员"
        case .reviewer: "复核员"
        case .supervisor: "科长/主管"
        case .leader: "领导"
        case .liaison: "部门联络员"
        case .admin: "管理员"
        }
    }

    /// Whether the role may read the cockpit, findings and alerts of its region.
    public var readsFindings: Bool { self != .liaison }

    /// Whether the role may open a person's profile (masked).
    public var readsPersons: Bool { [.auditor, .reviewer, .supervisor].contains(self) }

    /// Whether the role may see personal data unmasked (each time recorded in the ledger).
    public var mayUnmask: Bool { [.auditor, .reviewer, .supervisor].contains(self) }

    /// Whether the role may acknowledge, assign, propose dismissal of, or open a case from an alert.
    public var worksAlerts: Bool { [.auditor, .reviewer, .supervisor].contains(self) }

    /// Whether the role may confirm the dismissal of a red alert that someone else proposed.
    public var confirmsDismissals: Bool { [.reviewer, .supervisor].contains(self) }

    /// Whether the role may run the pre-payment check through the API.
    public var checksPayments: Bool { [.auditor, .reviewer, .supervisor, .admin].contains(self) }

    /// Whether the role may read the rule library.
    public var readsRules: Bool { self != .liaison }

    /// Whether the role may read import batches and quality reports.
    public var readsImports: Bool { true }

    /// Whether the role may manage users.
    public var managesUsers: Bool { self == .admin }

    /// Whether the role may edit, switch off or on the rules of the (national) rule library.
    /// The library is one for the whole country, so the web app also requires a national scope.
    public var editsRules: Bool { [.supervisor, .admin].contains(self) }

    /// Whether the role may run audits and imports inside the server.
    public var runsJobs: Bool { self == .admin }
}
