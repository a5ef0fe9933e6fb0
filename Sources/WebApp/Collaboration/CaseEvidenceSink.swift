public import Casework
public import Collaboration
import Foundation

/// Where a department's answer becomes evidence of its case: added to the case's evidence chain
/// through `Casework`'s `CaseEvidenceRecorder` (the store hashes the item into the ledger as
/// `case/<id>/evidence/<n>` and lists it in the evidence pack), with the answer's provenance and
/// its canonical JSON as the note's text.
///
/// A request may name a case that this system does not hold (a case number from another
/// system, or one typed by hand through the API), or one already closed: then the item still
/// goes into the ledger through `fallback`, so the answer can be proved later, and is attached
/// to no case file.
public struct CaseEvidenceSink: EvidenceSink {
    let recorder: any CaseEvidenceRecorder
    let fallback: any EvidenceSink

    public init(recorder: any CaseEvidenceRecorder, fallback: any EvidenceSink) {
        self.recorder = recorder
        self.fallback = fallback
    }

    @discardableResult
    public func add(_ evidence: CollaborationEvidence) async throws -> String {
        // The note is shown in the case file and its evidence pack: ID numbers in it are masked
        // (the full answer stays with its request, whose own ledger entry proves it).
        let text = PersonalDataMasker.maskNumbers(
            "来源：\(evidence.provenance)\n答复记录（JSON）：\n" + String(decoding: evidence.payload, as: UTF8.self))
        do {
            let item = try await recorder.addEvidenceNote(
                caseID: evidence.caseID, title: evidence.title, text: text,
                source: evidence.reference.isEmpty ? evidence.kind : evidence.reference, actor: "fundwatch/collaboration")
            return "case/\(evidence.caseID)/evidence/\(item.id)"
        } catch is CaseRefusal {
            return try await fallback.add(evidence)
        }
    }
}
