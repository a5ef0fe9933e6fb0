/// What a verification request (协查) asks a department to confirm.
public enum VerificationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 身份核查: is this ID number a real, current registration, and does the name match?
    case identityCheck = "identity_check"
    /// 死亡状态核查: is the person alive, and if not, since when?
    case deathStatus = "death_status"
    /// 服刑羁押核查: is or was the person in custody, and for which dates?
    case custodyStatus = "custody_status"
    /// 其他协查: a free question; the answer is text with its source document.
    case generic

    /// The request's name as staff call it.
    public var chinese: String {
        switch self {
        case .identityCheck: "身份核查"
        case .deathStatus: "死亡状态核查"
        case .custodyStatus: "服刑羁押状态核查"
        case .generic: "其他协查"
        }
    }

    /// The departments that hold the answer: identity with public security, death with civil
    /// affairs (public security and health register deaths too), custody with courts and justice.
    public var departments: [Department] {
        switch self {
        case .identityCheck: [.publicSecurity]
        case .deathStatus: [.civilAffairs, .publicSecurity, .health]
        case .custodyStatus: [.court, .justice]
        case .generic: Department.allCases
        }
    }

    /// Whether `department` may be asked this kind of question.
    public func isAnswerable(by department: Department) -> Bool { departments.contains(department) }
}
