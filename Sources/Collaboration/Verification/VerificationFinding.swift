public import FundWatchCore

/// Whether a person is alive, as a death registry answers.
public enum DeathStatus: Sendable, Hashable {
    /// Registered dead on this date.
    case dead(on: CivilDate)
    /// No death registered; the person is alive as far as the registry knows.
    case alive
    /// The registry cannot tell (for instance, the person is not in it).
    case unknown
}

/// Whether an ID number is a real, current registration.
public enum IdentityStatus: Sendable, Hashable {
    /// A current registration; `nameMatches` says whether the name asked about is its name.
    case valid(nameMatches: Bool)
    /// The registration was cancelled (death, emigration, duplicate), on a date if known.
    case cancelled(on: CivilDate?)
    /// No registration under this number.
    case notFound
    /// The registry cannot tell.
    case unknown
}

/// Whether a person is or was in custody.
public enum CustodyStatus: Sendable, Hashable {
    /// In custody from a date, until a date if released.
    case inCustody(from: CivilDate, until: CivilDate?)
    /// Not in custody as far as the court or prison records go.
    case notInCustody
    /// The records cannot tell.
    case unknown
}

/// The substance of a department's answer, one shape per kind of request.
public enum VerificationFinding: Sendable, Hashable {
    case death(DeathStatus)
    case identity(IdentityStatus)
    case custody(CustodyStatus)
    /// The answer to a generic request, in the department's words.
    case text(String)

    /// The kind of request this answers.
    public var kind: VerificationKind {
        switch self {
        case .death: .deathStatus
        case .identity: .identityCheck
        case .custody: .custodyStatus
        case .text: .generic
        }
    }

    /// The finding in one Chinese sentence, for the case file.
    public var chinese: String {
        switch self {
        case .death(.dead(let date)): "已死亡，死亡日期 \(date)"
        case .death(.alive): "未登记死亡（在世）"
        case .death(.unknown): "无法确认生存状态"
        case .identity(.valid(true)): "身份有效，姓名一致"
        case .identity(.valid(false)): "身份有效，但姓名不一致"
        case .identity(.cancelled(let date)): "户籍已注销" + (date.map { "（\($0)）" } ?? "")
        case .identity(.notFound): "查无此身份号码"
        case .identity(.unknown): "无法确认身份"
        case .custody(.inCustody(let from, let until)):
            "服刑/羁押，自 \(from) 起" + (until.map { "至 \($0) 止" } ?? "，至今未释放")
        case .custody(.notInCustody): "无服刑或羁押记录"
        case .custody(.unknown): "无法确认服刑羁押状态"
        case .text(let text): text
        }
    }
}
