import Casework
import HTTPTypes
import Storage

extension Identity {
    /// The caller as the case workflow sees them, or 403 for roles that do not touch cases
    /// (department liaisons, administrators).
    func caseActor() throws -> CaseActor {
        let role: CaseRole? =
            switch user.role {
            case .auditor: .auditor
            case .reviewer: .reviewer
            case .supervisor: .supervisor
            case .leader: .leader
            case .liaison, .admin: nil
            }
        guard let role else { throw AppError(.forbidden, code: "forbidden", "\(user.role.chinese)不能处理案件") }
        return CaseActor(name: user.actor, role: role, regionCode: user.regionCode)
    }
}

extension UserRole {
    /// Whether the role may read the cases of its region.
    var readsCases: Bool { [.auditor, .reviewer, .supervisor, .leader].contains(self) }
}
