/// A finding as stored: the input's values plus its row id, status and the runs that saw it.
public struct StoredFinding: Sendable, Hashable {
    /// Where a finding stands.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Raised and waiting for review.
        case open
        /// Found by a rule in shadow: stored to judge the rule, no alert.
        case shadow
        /// Matched an active suppression: stored, no alert.
        case suppressed
    }

    public var id: Int64
    public var ruleID: String
    public var ruleVersion: Int
    public var idNumber: String
    public var kind: String
    public var severity: String
    public var score: Double
    public var riskScore: Double
    public var amountAtRisk: Int64
    public var records: [String]
    public var explanation: String
    public var regionCode: String?
    public var status: Status
    public var payloadSHA256: String
    public var firstSeenRun: Int64
    public var lastSeenRun: Int64
}

/// What one stored audit run changed.
public struct AuditRunSummary: Sendable, Hashable {
    /// A finding that is new, or whose evidence changed, in this run: what the ledger records.
    public struct LedgerItem: Sendable, Hashable {
        public var findingID: Int64
        public var payloadSHA256: String
    }

    public var runID: Int64
    /// Rule versions the ledger does not hold yet (first seen now, or left by a failed ledger write).
    public var newRuleVersions: [RuleVersionInput]
    /// Findings the ledger does not hold yet (new, changed, or left by a failed ledger write), by id.
    public var changed: [LedgerItem]
    public var findings: Int
    public var newFindings: Int
    public var suppressed: Int
}
