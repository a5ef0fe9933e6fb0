public import Foundation

/// A stored finding seen as an alert: the finding and where its workflow stands.
public struct Alert: Sendable, Hashable {
    public var finding: StoredFinding
    public var status: AlertStatus
    public var assignee: String?
    public var proposedBy: String?
    public var reason: String?
    public var updatedAt: Date?

    public init(
        finding: StoredFinding, status: AlertStatus, assignee: String?, proposedBy: String?, reason: String?,
        updatedAt: Date?
    ) {
        self.finding = finding
        self.status = status
        self.assignee = assignee
        self.proposedBy = proposedBy
        self.reason = reason
        self.updatedAt = updatedAt
    }

    public var id: Int64 { finding.id }

    /// The alert as the workflow sees it.
    public var workflowState: AlertWorkflow.State {
        AlertWorkflow.State(
            status: status, severity: finding.severity, assignee: assignee, proposedBy: proposedBy, reason: reason)
    }
}

/// One step in an alert's history.
public struct AlertEvent: Sendable, Hashable, Codable {
    public var id: Int64
    public var alertID: Int64
    public var action: String
    public var actor: String
    public var at: Date
    public var reason: String?
    public var assignee: String?
    public var fromStatus: AlertStatus
    public var toStatus: AlertStatus
    /// The index of the ledger entry that recorded the step.
    public var ledgerIndex: Int64?
}

/// What the alert queue shows: every field optional, all combined with AND.
public struct AlertFilter: Sendable, Hashable {
    public var severity: String?
    /// A region inside the user's scope (its subtree is shown).
    public var regionCode: String?
    public var ruleID: String?
    public var status: AlertStatus?
    public var limit: Int
    public var offset: Int

    public init(
        severity: String? = nil, regionCode: String? = nil, ruleID: String? = nil, status: AlertStatus? = nil,
        limit: Int = 100, offset: Int = 0
    ) {
        self.severity = severity
        self.regionCode = regionCode
        self.ruleID = ruleID
        self.status = status
        self.limit = limit
        self.offset = offset
    }
}
