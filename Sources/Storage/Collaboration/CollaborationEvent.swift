public import Foundation

/// One state change of a collaboration object, as its history lists it.
public struct CollaborationEvent: Sendable, Hashable, Codable {
    public var id: Int64
    /// `request`, `clue`, `outcome` or `rectification`.
    public var object: String
    public var objectID: String
    public var action: String
    public var actor: String
    public var at: Date
    public var fromState: String?
    public var toState: String
    /// The reason or note given with the step, if any.
    public var note: String?
    /// SHA-256 of the object's JSON after the change, as the ledger entry's payload names it.
    public var bodySHA256: String
    /// The index of the step's `case_event` entry in the ledger.
    public var ledgerIndex: Int64?
}
