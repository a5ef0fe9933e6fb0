public import Foundation

/// A rule version saved from the rules page: its YAML, kept because the ledger holds only its hash.
public struct StoredRuleSource: Sendable, Hashable {
    public var ruleID: String
    public var version: Int
    public var yaml: String
    /// Lower-case hex SHA-256 of `yaml`'s UTF-8 bytes, as the audit records rule versions.
    public var sha256: String
    public var savedBy: String
    public var savedAt: Date

    public init(ruleID: String, version: Int, yaml: String, sha256: String, savedBy: String, savedAt: Date) {
        self.ruleID = ruleID
        self.version = version
        self.yaml = yaml
        self.sha256 = sha256
        self.savedBy = savedBy
        self.savedAt = savedAt
    }
}

/// Whether a rule runs in the batch audit and the pre-payment check (no setting: it runs).
public struct RuleSetting: Sendable, Hashable {
    public var ruleID: String
    public var enabled: Bool
    public var updatedBy: String
    public var updatedAt: Date

    public init(ruleID: String, enabled: Bool, updatedBy: String, updatedAt: Date) {
        self.ruleID = ruleID
        self.enabled = enabled
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }
}

/// How the alerts of one rule were settled: what the rules page's precision is computed from
/// when no labelled truth is stored.
public struct RuleOutcomeCounts: Sendable, Hashable {
    /// Alerts turned into a case (confirmed worth pursuing).
    public var confirmed: Int
    /// Alerts dismissed (as false alarms) after review.
    public var dismissed: Int

    public init(confirmed: Int = 0, dismissed: Int = 0) {
        self.confirmed = confirmed
        self.dismissed = dismissed
    }

    /// confirmed / (confirmed + dismissed), nil while nothing is settled.
    public var precision: Double? {
        confirmed + dismissed == 0 ? nil : Double(confirmed) / Double(confirmed + dismissed)
    }
}
