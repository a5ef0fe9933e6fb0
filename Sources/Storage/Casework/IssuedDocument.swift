public import Casework
public import Foundation

/// A document (文书) issued from a case: its number, the SHA-256 of its HTML, and the case
/// evidence item (in the ledger) that holds the HTML.
public struct IssuedDocument: Sendable, Hashable {
    public var id: Int64
    public var caseID: String
    public var kind: CaseDocumentKind
    /// The document number (文号) as printed.
    public var number: String
    public var sha256: String
    /// The evidence item whose file is the document's HTML.
    public var evidenceID: Int64
    public var ledgerIndex: Int64?
    public var issuedBy: String
    public var issuedAt: Date
}
