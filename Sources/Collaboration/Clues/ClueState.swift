/// Where a clue shared between regions stands; both the sender and the receiver see it.
///
/// ```
/// sent ──accept──► accepted        (the receiver may open a case from it)
///   └──return────► returned        (with the receiver's reason)
///   └──withdraw──► withdrawn       (by the sender, with a reason, before it is handled)
/// ```
public enum ClueState: String, Sendable, Hashable, Codable, CaseIterable {
    /// 已移送: in the receiving region's queue.
    case sent
    /// 已接收: the receiver took it on.
    case accepted
    /// 已退回: the receiver sent it back with a reason.
    case returned
    /// 已撤回: the sender took it back.
    case withdrawn

    /// The state's name as staff read it.
    public var chinese: String {
        switch self {
        case .sent: "已移送"
        case .accepted: "已接收"
        case .returned: "已退回"
        case .withdrawn: "已撤回"
        }
    }
}
