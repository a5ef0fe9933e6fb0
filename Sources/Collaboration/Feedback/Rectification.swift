public import Foundation
public import FundWatchCore

/// A rectification task (整改): a process suggestion turned into work with an owner, a deadline
/// and a check by someone other than the owner.
public struct Rectification: Sendable, Hashable, Codable {
    /// Assigned by storage (0 before).
    public var id: Int64
    /// The suggestion it carries out (`ProcessSuggestion.key`).
    public var suggestionKey: String
    public var pattern: ProcessSuggestion.Pattern
    /// The region that must change its process.
    public var regionCode: String
    /// What to do (the suggestion's text, or the supervisor's wording).
    public var title: String
    /// The owner: a user's ledger name (`user/zhang.san`).
    public var owner: String
    public var deadline: CivilDate
    public var state: RectificationState
    public var createdBy: String
    public var createdAt: Date
    /// The owner's report of what was changed.
    public var report: String?
    public var verifiedBy: String?
    /// The checker's note: why it was accepted or sent back.
    public var verificationNote: String?
    /// Bumped by storage on every change.
    public var version: Int

    /// A task from a suggestion, checked: an owner, and a deadline not before today.
    public static func from(
        _ suggestion: ProcessSuggestion, owner: String, deadline: CivilDate, title: String? = nil, by actor: String,
        at time: Date, today: CivilDate
    ) throws(CollaborationError) -> Rectification {
        guard !owner.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CollaborationError(.invalidInput, "整改任务须指定责任人（owner）")
        }
        guard deadline >= today else {
            throw CollaborationError(.invalidInput, "整改期限 \(deadline) 早于今天 \(today)：请给出今后的日期")
        }
        return Rectification(
            id: 0, suggestionKey: suggestion.key, pattern: suggestion.pattern, regionCode: suggestion.regionCode,
            title: title.flatMap { $0.isEmpty ? nil : $0 } ?? suggestion.suggestion, owner: owner, deadline: deadline,
            state: .open, createdBy: actor, createdAt: time, report: nil, verifiedBy: nil, verificationNote: nil,
            version: 0)
    }

    /// Whether the deadline passed before the task was verified.
    public func isOverdue(on today: CivilDate) -> Bool { state != .verified && today > deadline }
}
