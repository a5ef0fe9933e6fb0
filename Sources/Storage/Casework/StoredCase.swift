public import Casework
public import Foundation
public import FundWatchCore

/// A case as stored: its workflow state, who it concerns, who works it, and its `version`,
/// which every change increments (optimistic locking: an update names the version it read).
public struct StoredCase: Sendable, Hashable {
    /// The case number, e.g. `370102-2026-000001`.
    public var id: String
    public var regionCode: String
    public var caseType: String
    public var title: String
    public var state: CaseState
    /// The person concerned (ID number: personal data, masked when shown).
    public var personIDNumber: String?
    public var institutionID: String?
    public var amountAtRisk: Money
    public var outcome: CaseOutcome?
    public var decidedBy: String?
    public var decidedAt: Date?
    public var stateBeforeAppeal: CaseState?
    public var supervision: Supervision?
    /// The actor name of the person who works the case.
    public var assignee: String?
    /// Why assignment chose them (or why nobody could be assigned).
    public var assignmentReason: String?
    public var openedBy: String
    public var openedAt: Date
    public var updatedAt: Date
    public var version: Int64
    /// The alerts (finding ids) the case was opened from.
    public var alertIDs: [Int64]

    /// The case as the state machine sees it, given its measures.
    public func file(measures: [MeasureStatus]) -> CaseFile {
        CaseFile(
            state: state, regionCode: regionCode, caseType: caseType, decidedBy: decidedBy, decidedAt: decidedAt,
            outcome: outcome, stateBeforeAppeal: stateBeforeAppeal, supervision: supervision, measures: measures)
    }

    /// Whether a supervised case is past its supervision deadline and not finished (督办超期).
    public func isSupervisionOverdue(at now: Date) -> Bool {
        guard let supervision, !state.isFinished else { return false }
        return now > supervision.deadline && supervision.signedOffBy == nil
    }
}

/// What a new case needs. Opened from alerts, the region, person, type and amount default to
/// the alerts'; opened by hand they must be given.
public struct NewCase: Sendable, Hashable {
    public var alertIDs: [Int64]
    public var regionCode: String?
    public var caseType: String?
    public var title: String?
    public var personIDNumber: String?
    public var institutionID: String?
    public var amountAtRisk: Money?

    public init(
        alertIDs: [Int64] = [], regionCode: String? = nil, caseType: String? = nil, title: String? = nil,
        personIDNumber: String? = nil, institutionID: String? = nil, amountAtRisk: Money? = nil
    ) {
        self.alertIDs = alertIDs
        self.regionCode = regionCode
        self.caseType = caseType
        self.title = title
        self.personIDNumber = personIDNumber
        self.institutionID = institutionID
        self.amountAtRisk = amountAtRisk
    }
}

/// One step in a case's history, with the ledger entry that recorded it.
public struct CaseEvent: Sendable, Hashable, Codable {
    public var id: Int64
    public var caseID: String
    public var action: String
    public var actor: String
    public var at: Date
    public var fromState: CaseState?
    public var toState: CaseState
    /// The reason, summary or measure detail the step carried.
    public var detail: String?
    /// The canonical JSON whose SHA-256 the ledger entry holds.
    public var payload: String
    public var payloadSHA256: String
    public var ledgerIndex: Int64?
}

/// What the case list shows; every field optional, combined with AND.
public struct CaseFilter: Sendable, Hashable {
    public var state: CaseState?
    public var assignee: String?
    /// Only supervised cases.
    public var supervisedOnly: Bool
    public var limit: Int
    public var offset: Int

    public init(state: CaseState? = nil, assignee: String? = nil, supervisedOnly: Bool = false, limit: Int = 100, offset: Int = 0) {
        self.state = state
        self.assignee = assignee
        self.supervisedOnly = supervisedOnly
        self.limit = limit
        self.offset = offset
    }
}
