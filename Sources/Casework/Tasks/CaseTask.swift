public import Foundation

/// A piece of work on a case: who does it and by when.
public struct CaseTask: Sendable, Hashable, Codable {
    public var id: Int64
    public var caseID: String
    /// The task kind (see `TaskDraft.kind`).
    public var kind: String
    public var title: String
    /// The staff member who does it (nil until the case is assigned).
    public var assignee: String?
    public var due: Date
    /// When it was done (nil while open).
    public var doneAt: Date?

    public init(
        id: Int64, caseID: String, kind: String, title: String, assignee: String?, due: Date, doneAt: Date? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.title = title
        self.assignee = assignee
        self.due = due
        self.doneAt = doneAt
    }

    public var isOpen: Bool { doneAt == nil }
}
