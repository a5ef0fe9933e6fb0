public import FundWatchCore

/// A rule switched off for one person or one institution, for a reason, until an end date, by
/// someone: findings that match are stored as `suppressed` and raise no alert.
public struct Suppression: Sendable, Hashable {
    /// What the suppression is about.
    public enum SubjectKind: String, Sendable, Hashable, CaseIterable {
        /// A person, by ID number.
        case person
        /// A hospital, pharmacy or employer, by institution id (matched against the evidence records).
        case institution
    }

    /// The row id once stored.
    public var id: Int64?
    public var ruleID: String
    public var subjectKind: SubjectKind
    /// The ID number or institution id.
    public var subject: String
    /// Why the findings are not alerts (required).
    public var reason: String
    /// The last day it applies (required).
    public var endDate: CivilDate
    /// Who decided (required).
    public var actor: String

    public init(
        id: Int64? = nil, ruleID: String, subjectKind: SubjectKind, subject: String, reason: String, endDate: CivilDate,
        actor: String
    ) {
        self.id = id
        self.ruleID = ruleID
        self.subjectKind = subjectKind
        self.subject = subject
        self.reason = reason
        self.endDate = endDate
        self.actor = actor
    }
}
