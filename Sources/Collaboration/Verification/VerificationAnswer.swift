public import Foundation

/// A department's answer to a verification request: what it found, who answered, and the
/// document the answer rests on (a death certificate, a household register extract, a judgment).
public struct VerificationAnswer: Sendable, Hashable, Codable {
    public var finding: VerificationFinding
    /// The answering officer, by name or badge number, as the department gives it.
    public var officer: String
    /// The source document: its title and number, so the case file can cite it.
    public var sourceDocument: String
    /// Anything the department adds.
    public var remarks: String?
    /// When the answer arrived (set by the workflow from the injected clock).
    public var answeredAt: Date

    public init(
        finding: VerificationFinding, officer: String, sourceDocument: String, remarks: String? = nil, answeredAt: Date
    ) {
        self.finding = finding
        self.officer = officer
        self.sourceDocument = sourceDocument
        self.remarks = remarks
        self.answeredAt = answeredAt
    }

    /// Refuses an answer without an officer or a source document: an answer nobody can trace is
    /// not evidence.
    public func validate(for kind: VerificationKind) throws(CollaborationError) {
        guard finding.kind == kind else {
            throw CollaborationError(
                .answerMismatch, "答复类型为「\(finding.kind.chinese)」，与协查类型「\(kind.chinese)」不符：请按协查类型填写 kind 字段")
        }
        if officer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CollaborationError(.invalidInput, "答复缺少经办人（officer）：请填写答复人员姓名或警号")
        }
        if sourceDocument.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CollaborationError(.invalidInput, "答复缺少依据文书（source_document）：请填写文书名称及编号")
        }
        if case .text(let text) = finding, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CollaborationError(.invalidInput, "答复内容（text）为空：请写明核查结果")
        }
    }
}
