public import Foundation

/// One administrative change (a user, a token, a rule, a job), as stored beside the ledger entry
/// that records its payload's SHA-256.
public struct AdminEvent: Sendable, Hashable, Codable {
    public var id: Int64
    public var at: Date
    /// Who made the change (`user/<name>`).
    public var actor: String
    /// What was done, e.g. `user.add`, `token.revoke`, `rule.save`, `rule.disable`, `job.audit`.
    public var action: String
    /// What it was done to, e.g. `user/lixia.auditor`, `rule/pension_after_death/v3`: never personal data.
    public var subject: String
    /// The region the change belongs to (the user's region; `000000` for the national rule library).
    public var regionCode: String
    /// The canonical JSON whose SHA-256 the ledger holds.
    public var payload: String
    /// The ledger entry, once recorded.
    public var ledgerIndex: Int64?

    public init(
        id: Int64, at: Date, actor: String, action: String, subject: String, regionCode: String, payload: String,
        ledgerIndex: Int64?
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.regionCode = regionCode
        self.payload = payload
        self.ledgerIndex = ledgerIndex
    }
}

/// An administrative change to store with the write it describes, in one transaction.
public struct AdminEventInput: Sendable, Hashable {
    public var at: Date
    public var actor: String
    public var action: String
    public var subject: String
    public var regionCode: String
    /// Canonical JSON (sorted keys): its SHA-256 goes into the ledger.
    public var payload: String

    public init(at: Date, actor: String, action: String, subject: String, regionCode: String, payload: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.regionCode = regionCode
        self.payload = payload
    }
}
