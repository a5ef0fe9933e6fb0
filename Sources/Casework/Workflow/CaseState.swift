/// Where a case stands in the closed loop (闭环): from clue to closure.
///
/// clue → verification → investigation → decision → enforcement → closed, with dismissal
/// (不予立案) from the early states, appeal (申诉) against a decision, and reopening, which puts
/// a closed or dismissed case back into verification.
public enum CaseState: String, Sendable, Hashable, CaseIterable, Codable {
    /// 线索: raised from alerts, by hand or from a shared clue; nobody has checked it yet.
    case clue
    /// 核查: someone is checking whether the clue holds.
    case verification
    /// 立案调查: filed as a case and investigated.
    case investigation
    /// 处理决定: a decision has been made (and may be appealed within the time limit).
    case decision
    /// 执行: the decision's measures (recovery, freeze, blacklist, judicial referral) are carried out.
    case enforcement
    /// 结案: done.
    case closed
    /// 不予立案: checked and not pursued, with a written reason.
    case dismissed
    /// 申诉: the person or institution concerned contests the decision; someone other than the decider reviews it.
    case appeal

    /// The state's name as staff read it.
    public var chinese: String {
        switch self {
        case .clue: "线索"
        case .verification: "核查"
        case .investigation: "立案调查"
        case .decision: "处理决定"
        case .enforcement: "执行"
        case .closed: "结案"
        case .dismissed: "不予立案"
        case .appeal: "申诉"
        }
    }

    /// Whether the case is finished (only reopening moves it again).
    public var isFinished: Bool { self == .closed || self == .dismissed }
}
