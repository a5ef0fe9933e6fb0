public import Foundation

/// A finding as the audit hands it to the store: one rule version's suspicion about one person.
///
/// Storage does not depend on the rule engine, so the finding arrives as plain values; `payload`
/// is the finding's canonical JSON, whose SHA-256 is what the ledger records.
public struct FindingInput: Sendable, Hashable {
    public var ruleID: String
    public var ruleVersion: Int
    /// The person's 18-character ID number.
    public var idNumber: String
    /// `fraud` (a suspicion to investigate) or `data_conflict` (records that contradict each other, to verify).
    public var kind: String
    /// `red`, `orange` or `yellow`.
    public var severity: String
    /// The rule's threshold score (0 without thresholds).
    public var score: Double
    /// The risk score that orders work queues (severity and amount combined).
    public var riskScore: Double
    /// Money at stake in fen.
    public var amountAtRisk: Int64
    /// Ids of the records that are the evidence.
    public var records: [String]
    public var explanation: String
    /// The person's county of residence, for reports by region.
    public var regionCode: String?
    /// Whether the rule runs in shadow (stored, no alert).
    public var shadow: Bool
    /// The finding's canonical JSON.
    public var payload: Data

    public init(
        ruleID: String, ruleVersion: Int, idNumber: String, kind: String, severity: String, score: Double,
        riskScore: Double, amountAtRisk: Int64, records: [String], explanation: String, regionCode: String?,
        shadow: Bool, payload: Data
    ) {
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.idNumber = idNumber
        self.kind = kind
        self.severity = severity
        self.score = score
        self.riskScore = riskScore
        self.amountAtRisk = amountAtRisk
        self.records = records
        self.explanation = explanation
        self.regionCode = regionCode
        self.shadow = shadow
        self.payload = payload
    }
}

/// A rule version as the audit loaded it: the SHA-256 of its file's bytes identifies it.
public struct RuleVersionInput: Sendable, Hashable {
    public var ruleID: String
    public var version: Int
    /// Lower-case hex SHA-256 of the rule file's bytes.
    public var sha256: String
    /// `draft`, `shadow`, `active` or `retired`.
    public var status: String
    public var title: String

    public init(ruleID: String, version: Int, sha256: String, status: String, title: String) {
        self.ruleID = ruleID
        self.version = version
        self.sha256 = sha256
        self.status = status
        self.title = title
    }
}
