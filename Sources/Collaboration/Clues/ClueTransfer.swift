public import Foundation
public import FundWatchCore

/// A clue (线索移送) one region sends to another: a county finds something about a person who
/// lives, or is paid, elsewhere, and hands it to that region's queue.
public struct ClueTransfer: Sendable, Hashable, Codable {
    /// Assigned by storage (0 before).
    public var id: Int64
    public var fromRegion: String
    public var toRegion: String
    public var subject: SubjectPerson
    /// What was found, in the sender's words.
    public var summary: String
    /// The rule whose finding led to the clue, if any.
    public var ruleID: String?
    /// The sender's case or alert the clue comes from, if any.
    public var sourceReference: String?
    /// The amount at stake, in fen, if known.
    public var amountFen: Int64?
    public var state: ClueState
    public var sentBy: String
    public var sentAt: Date
    public var handledBy: String?
    public var handledAt: Date?
    /// The receiver's case opened from the clue, when accepted with one.
    public var receiverCaseID: String?
    /// Why it was returned or withdrawn.
    public var reason: String?
    /// Bumped by storage on every change.
    public var version: Int

    /// A clue ready to send, checked: both regions exist, the receiver is not the sender's own
    /// region, and there is something to act on.
    public static func send(
        from fromRegion: String, to toRegion: String, subject: SubjectPerson, summary: String, ruleID: String? = nil,
        sourceReference: String? = nil, amountFen: Int64? = nil, by actor: String, at time: Date,
        catalog: RegionCatalog = .shared
    ) throws(CollaborationError) -> ClueTransfer {
        guard fromRegion == "000000" || catalog.region(fromRegion) != nil else {
            throw CollaborationError(.unknownRegion, "移出地区代码 \(fromRegion) 不存在")
        }
        guard let receiver = catalog.region(toRegion) else {
            throw CollaborationError(
                .unknownRegion, "接收地区代码 \(toRegion) 不存在：请填写六位 GB/T 2260 行政区划代码（如 370202）")
        }
        guard toRegion != fromRegion else {
            throw CollaborationError(.ownRegion, "不能把线索移送给本地区（\(receiver.name)）：请在本地区直接立案核查")
        }
        guard IDNumber.isCanonicalShape(subject.idNumber) else {
            throw CollaborationError(.invalidInput, "线索当事人的身份号码（subject.id_number）格式不对：须为 18 位，最后一位可为 X")
        }
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else {
            throw CollaborationError(.invalidInput, "线索须写明发现的问题（summary）")
        }
        if let amountFen, amountFen < 0 {
            throw CollaborationError(.invalidInput, "涉及金额（amount_fen）不能为负数")
        }
        return ClueTransfer(
            id: 0, fromRegion: fromRegion, toRegion: toRegion, subject: subject, summary: summary, ruleID: ruleID,
            sourceReference: sourceReference, amountFen: amountFen, state: .sent, sentBy: actor, sentAt: time,
            handledBy: nil, handledAt: nil, receiverCaseID: nil, reason: nil, version: 0)
    }
}
