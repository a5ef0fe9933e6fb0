public import Foundation

/// A step someone takes on a case.
public enum CaseAction: Sendable, Hashable {
    /// clue → verification: someone starts checking the clue.
    case startVerification
    /// clue/verification → dismissed (不予立案), with a written reason.
    case dismiss(reason: String)
    /// verification → investigation (立案): a reviewer or supervisor files the case.
    case fileCase
    /// investigation → decision: a supervisor decides; the decider is recorded.
    case decide(outcome: CaseOutcome, summary: String)
    /// decision → enforcement: the measures start.
    case startEnforcement
    /// decision/enforcement → appeal: the person or institution concerned contests the decision
    /// (recorded by staff) within the appeal window.
    case lodgeAppeal(reason: String)
    /// appeal → back where it was (upheld) or → investigation (overturned); not by the decider.
    case reviewAppeal(upheld: Bool, reason: String)
    /// A higher-level region marks the case as supervised (督办) with a deadline.
    case supervise(deadline: Date)
    /// The supervisor signs off a supervised case so that it can close.
    case signOff
    /// decision/enforcement → closed: every measure finished, supervision signed off.
    case close(summary: String)
    /// closed/dismissed → verification, with a written reason.
    case reopen(reason: String)

    /// The action's name in the history, the API and the ledger payload.
    public var name: String {
        switch self {
        case .startVerification: "start_verification"
        case .dismiss: "dismiss"
        case .fileCase: "file_case"
        case .decide: "decide"
        case .startEnforcement: "start_enforcement"
        case .lodgeAppeal: "lodge_appeal"
        case .reviewAppeal: "review_appeal"
        case .supervise: "supervise"
        case .signOff: "sign_off"
        case .close: "close"
        case .reopen: "reopen"
        }
    }

    /// The written reason or summary the action carries, if any.
    public var text: String? {
        switch self {
        case .dismiss(let r), .lodgeAppeal(let r), .reopen(let r), .reviewAppeal(_, let r): r
        case .decide(_, let s), .close(let s): s
        default: nil
        }
    }
}

/// What a decision found (feeds the rules' confirmed precision and the risk models' labels).
public enum CaseOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    /// 确认违规: fraud confirmed.
    case confirmedFraud = "confirmed_fraud"
    /// 经办差错: an error, not fraud; still to be put right.
    case error
    /// 未发现问题: nothing wrong.
    case noIssue = "no_issue"

    public var chinese: String {
        switch self {
        case .confirmedFraud: "确认违规"
        case .error: "经办差错"
        case .noIssue: "未发现问题"
        }
    }
}
