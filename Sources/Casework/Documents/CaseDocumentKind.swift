/// The documents (文书) a case issues, each from its own template, numbered per region, kind and
/// year (文号), and recorded as case evidence when issued.
public enum CaseDocumentKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// 稽核通知书: tells the person or institution that an audit is under way.
    case auditNotice = "audit_notice"
    /// 责令退回通知书: orders the overpaid amount back, with its legal basis.
    case repaymentOrder = "repayment_order"
    /// 冻结通知书: asks the bank to freeze an account.
    case freezeNotice = "freeze_notice"
    /// 案件移送函: refers the case to a judicial authority.
    case referralLetter = "referral_letter"
    /// 结案报告: the closing report.
    case closingReport = "closing_report"

    /// The document's title as printed.
    public var chinese: String {
        switch self {
        case .auditNotice: "稽核通知书"
        case .repaymentOrder: "责令退回通知书"
        case .freezeNotice: "冻结通知书"
        case .referralLetter: "案件移送函"
        case .closingReport: "结案报告"
        }
    }

    /// The short code in the document number (文号), e.g. 稽通 in 历下人社稽通〔2026〕3号.
    public var numberCode: String {
        switch self {
        case .auditNotice: "稽通"
        case .repaymentOrder: "责退"
        case .freezeNotice: "冻结"
        case .referralLetter: "移送"
        case .closingReport: "结案"
        }
    }

    /// Whether the case is far enough along to issue this document, or why not (in Chinese).
    ///
    /// An audit notice needs an open case past the clue stage; a repayment order a decision that
    /// confirmed a finding and an amount owed; a freeze notice a freeze order; a referral letter
    /// a judicial referral; a closing report a closed case.
    public func check(_ facts: CaseDocumentFacts) -> Result<Void, CaseRefusal> {
        func refuse(_ reason: String) -> Result<Void, CaseRefusal> { .failure(CaseRefusal(.invalidTransition, reason)) }
        switch self {
        case .auditNotice:
            if facts.state == .clue { return refuse("案件尚在线索研判阶段：开始核查后才能出具稽核通知书") }
            if facts.state.isFinished { return refuse("案件已\(facts.state.chinese)，不能再出具稽核通知书") }
        case .repaymentOrder:
            guard let outcome = facts.outcome, outcome != .noIssue else {
                return refuse("只有处理决定确认违规或经办差错后，才能出具责令退回通知书")
            }
            if facts.owedFen <= 0 { return refuse("没有应追回金额：请先启动追回并登记应追回金额") }
        case .freezeNotice:
            if !facts.hasFreeze { return refuse("案件没有冻结措施：请先发出冻结指令（执行措施）") }
        case .referralLetter:
            if !facts.hasReferral { return refuse("案件没有移送司法措施：请先登记移送") }
        case .closingReport:
            if facts.state != .closed { return refuse("案件尚未结案：结案后才能出具结案报告") }
        }
        return .success(())
    }
}

/// What `CaseDocumentKind.check` needs to know about a case.
public struct CaseDocumentFacts: Sendable, Hashable {
    public var state: CaseState
    public var outcome: CaseOutcome?
    /// Owed by the recoveries, or the amount at risk when none was started, in fen.
    public var owedFen: Int64
    public var hasFreeze: Bool
    public var hasReferral: Bool

    public init(state: CaseState, outcome: CaseOutcome?, owedFen: Int64, hasFreeze: Bool, hasReferral: Bool) {
        self.state = state
        self.outcome = outcome
        self.owedFen = owedFen
        self.hasFreeze = hasFreeze
        self.hasReferral = hasReferral
    }
}
