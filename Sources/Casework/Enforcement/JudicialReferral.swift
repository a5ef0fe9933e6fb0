import Foundation
/// 移送司法: a referral package sent to a public security organ or procuratorate, followed to the
/// receiving authority's feedback.
///
/// sent → received → feedback. Finished once feedback has come back.
public struct JudicialReferral: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        case sent, received, feedback

        public var chinese: String {
            switch self {
            case .sent: "已移送"
            case .received: "对方已接收"
            case .feedback: "已反馈"
            }
        }
    }

    /// The receiving authority (e.g. 市公安局经侦支队).
    public var authority: String
    /// The facts as the package states them.
    public var facts: String
    public var status: JudicialReferral.Status
    /// The authority's feedback, once given.
    public var feedback: String?

    /// A referral as stored; use `send(to:facts:)` for a new one.
    public init(authority: String, facts: String, status: JudicialReferral.Status, feedback: String? = nil) {
        self.authority = authority
        self.facts = facts
        self.status = status
        self.feedback = feedback
    }

    /// A referral package sent to `authority`.
    public static func send(to authority: String, facts: String) -> Result<JudicialReferral, CaseRefusal> {
        let authority = authority.trimmingCharacters(in: .whitespaces)
        guard !authority.isEmpty else { return .failure(CaseRefusal(.invalidInput, "移送须写明接收机关")) }
        guard CaseStateMachine.written(facts) else {
            return .failure(CaseRefusal(.reasonRequired, "移送须写明案件事实（至少 \(CaseStateMachine.minimumReasonLength) 个字）"))
        }
        return .success(JudicialReferral(authority: authority, facts: facts, status: .sent))
    }

    public var isFinished: Bool { status == .feedback }

    /// The referral once the authority has confirmed receipt.
    public func received() -> Result<JudicialReferral, CaseRefusal> {
        guard status == .sent else {
            return .failure(CaseRefusal(.invalidTransition, "移送当前为“\(status.chinese)”，不能再登记接收"))
        }
        var next = self
        next.status = .received
        return .success(next)
    }

    /// The referral with the authority's feedback; only after receipt.
    public func withFeedback(_ text: String) -> Result<JudicialReferral, CaseRefusal> {
        guard status == .received else {
            return .failure(CaseRefusal(.invalidTransition, "移送当前为“\(status.chinese)”，须先登记对方接收"))
        }
        guard CaseStateMachine.written(text) else {
            return .failure(CaseRefusal(.reasonRequired, "反馈须写明内容（至少 \(CaseStateMachine.minimumReasonLength) 个字）"))
        }
        var next = self
        next.status = .feedback
        next.feedback = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(next)
    }
}
