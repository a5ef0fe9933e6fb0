import Foundation
public import FundWatchCore

/// 黑名单（联合惩戒）: a person or institution listed for a period because of a decision,
/// shared with the departments and checked before every payment.
public struct BlacklistEntry: Sendable, Hashable, Codable {
    /// Who is listed.
    public enum SubjectKind: String, Sendable, Hashable, CaseIterable, Codable {
        case person, institution

        public var chinese: String { self == .person ? "人员" : "机构" }
    }

    public var subjectKind: SubjectKind
    /// An ID number (person) or institution id.
    public var subjectID: String
    public var reason: String
    public var start: CivilDate
    public var end: CivilDate
    /// The case whose decision put the subject on the list.
    public var sourceCaseID: String
    /// Who lifted the entry early, if anyone.
    public var liftedBy: String?

    /// An entry as stored; use `list(...)` for a new one (it checks the input).
    public init(
        subjectKind: SubjectKind, subjectID: String, reason: String, start: CivilDate, end: CivilDate, sourceCaseID: String,
        liftedBy: String? = nil
    ) {
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.reason = reason
        self.start = start
        self.end = end
        self.sourceCaseID = sourceCaseID
        self.liftedBy = liftedBy
    }

    /// A new entry; refused without a subject, a reason or a period that ends after it starts.
    public static func list(
        _ kind: SubjectKind, subjectID: String, reason: String, start: CivilDate, end: CivilDate, sourceCaseID: String
    ) -> Result<BlacklistEntry, CaseRefusal> {
        let id = subjectID.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { return .failure(CaseRefusal(.invalidInput, "黑名单须写明\(kind.chinese)编号")) }
        guard CaseStateMachine.written(reason) else {
            return .failure(CaseRefusal(.reasonRequired, "列入黑名单须写明理由（至少 \(CaseStateMachine.minimumReasonLength) 个字）"))
        }
        guard start <= end else {
            return .failure(CaseRefusal(.invalidInput, "黑名单期限的结束日期 \(end) 早于开始日期 \(start)"))
        }
        return .success(
            BlacklistEntry(
                subjectKind: kind, subjectID: id, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines),
                start: start, end: end, sourceCaseID: sourceCaseID))
    }

    /// A listing takes effect when made; it runs for its period without further steps.
    public var isFinished: Bool { true }

    /// Whether the entry applies on `date`.
    public func isActive(on date: CivilDate) -> Bool {
        liftedBy == nil && start <= date && date <= end
    }

    /// The entry lifted early by a supervisor or leader.
    public func lifting(by actor: CaseActor) -> Result<BlacklistEntry, CaseRefusal> {
        guard actor.leads else { return .failure(CaseRefusal(.forbidden, "移出黑名单须由科长/主管或领导批准")) }
        guard liftedBy == nil else { return .failure(CaseRefusal(.invalidTransition, "该黑名单记录已移出")) }
        var next = self
        next.liftedBy = actor.name
        return .success(next)
    }
}
