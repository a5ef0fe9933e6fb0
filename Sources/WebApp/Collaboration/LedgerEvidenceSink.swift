public import Collaboration
import Foundation
public import Storage
import Ledger

/// The evidence sink the web app uses until `Casework` takes the answers into its case files:
/// each item is hashed into the ledger as an `evidence` entry about its case (`case/<id>`), so the
/// answer can be proved unaltered later; the item itself stays with its request in the database.
public struct LedgerEvidenceSink: EvidenceSink {
    let trail: AuditTrail

    public init(trail: AuditTrail) { self.trail = trail }

    @discardableResult
    public func add(_ evidence: CollaborationEvidence) async throws -> String {
        let index = try trail.record(
            AuditTrail.Record(
                type: .evidence, actor: "fundwatch/collaboration", subject: "case/\(evidence.caseID)",
                payload: evidence.payload))
        return "ledger/\(index)"
    }
}
