public import Foundation

/// An item of evidence that collaboration hands to a case: a department's answer, with the
/// document it rests on. The case module stores it, hashes it into the ledger and lists it in the
/// case's evidence pack.
public struct CollaborationEvidence: Sendable, Hashable, Codable {
    /// The case the item belongs to.
    public var caseID: String
    /// What kind of item: `verification_answer`.
    public var kind: String
    /// A title for the evidence list, in Chinese (no personal data).
    public var title: String
    /// Where it came from: department, region, officer, source document.
    public var provenance: String
    /// The item itself as canonical JSON (the request and its answer).
    public var payload: Data
    public var recordedAt: Date
    /// Where the item comes from in collaboration's own records, e.g. `verification/17`.
    public var reference: String

    public init(
        caseID: String, kind: String, title: String, provenance: String, payload: Data, recordedAt: Date,
        reference: String = ""
    ) {
        self.reference = reference
        self.caseID = caseID
        self.kind = kind
        self.title = title
        self.provenance = provenance
        self.payload = payload
        self.recordedAt = recordedAt
    }

    /// The evidence item of an answered request.
    public static func answer(of request: VerificationRequest) -> CollaborationEvidence? {
        guard let answer = request.answer else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let payload = (try? encoder.encode(request)) ?? Data()
        return CollaborationEvidence(
            caseID: request.caseID, kind: "verification_answer",
            title: "\(request.department.chinese)协查答复（\(request.kind.chinese)，协查编号 \(request.id)）：\(answer.finding.chinese)",
            provenance: "\(request.department.chinese)（\(request.addresseeRegion)），经办人 \(answer.officer)，依据 \(answer.sourceDocument)",
            payload: payload, recordedAt: answer.answeredAt, reference: "verification/\(request.id)")
    }
}
