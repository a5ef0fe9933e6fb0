import Casework
import FundWatchCore
import Storage

/// What the case page shows of the enforcement measures (执行措施) and which of their forms the
/// signed-in person gets: the same rules the store enforces, so a form is offered only where
/// its step can succeed (the store still checks every step).
struct CaseEnforcementSection: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
    }

    struct RecoveryCard: Sendable {
        let rid: Int64
        let summary: String
        let plan: [String]
        let payments: [String]
        let hasPlan: Bool
        let hasPayments: Bool
        let writeOff: String?
        let pending: String?
        let open: Bool
        let canPropose: Bool
        let canApprove: Bool
    }

    struct FreezeCard: Sendable {
        let fid: Int64
        let summary: String
        let events: [Option]
        let hasEvents: Bool
    }

    struct BlacklistCard: Sendable {
        let eid: Int64
        let summary: String
        let canLift: Bool
    }

    struct ReferralCard: Sendable {
        let refid: Int64
        let summary: String
        let facts: String
        let feedback: String?
        let canReceive: Bool
        let canGiveFeedback: Bool
    }

    let recoveries: [RecoveryCard]
    let freezes: [FreezeCard]
    let blacklist: [BlacklistCard]
    let referrals: [ReferralCard]
    let hasMeasures: Bool
    /// New measures: after a decision, for people who work cases.
    let startsMeasures: Bool
    /// Steps on existing measures: while the case is not finished.
    let worksMeasures: Bool
    let hasInstitution: Bool

    init(_ m: CaseMeasures, case c: StoredCase, actor: CaseActor?) {
        let works = actor.map { $0.role != .leader } ?? false
        let leads = actor.map { $0.role == .supervisor || $0.role == .leader } ?? false
        let active = actor != nil && !c.state.isFinished
        worksMeasures = active
        startsMeasures = active && works && [.decision, .enforcement].contains(c.state)
        hasInstitution = c.institutionID != nil
        recoveries = m.recoveries.map { item in
            let r = item.value
            let plan = r.plan.map { "\($0.due) 应还 \($0.amount) 元" }
            let payments = r.payments.map { "\($0.receivedOn) 到账 \($0.amount) 元" }
            return RecoveryCard(
                rid: item.id,
                summary: "追回 #\(item.id)：应追回 \(r.owed) 元，已到账 \(r.received) 元，已核销 \(r.writtenOff) 元，尚欠 \(r.outstanding) 元",
                plan: plan, payments: payments, hasPlan: !plan.isEmpty, hasPayments: !payments.isEmpty,
                writeOff: r.writeOffApprovedBy.map { "已核销 \(r.writtenOff) 元（\($0) 批准：\(r.writeOffReason ?? "")）" },
                pending: r.pendingWriteOff.map { "\($0.proposedBy) 申请核销 \($0.amount) 元：\($0.reason)；须由申请人以外的科长/主管或领导批准" },
                open: active && works && !r.isFinished,
                canPropose: active && works && !r.isFinished && r.pendingWriteOff == nil,
                canApprove: active && leads && r.pendingWriteOff.map { $0.proposedBy != actor?.name } == true)
        }
        freezes = m.freezes.map { item in
            let f = item.value
            let events =
                active && works
                ? Freeze.Event.allCases.filter { (try? f.applying($0).get()) != nil }.map { Option(value: $0.rawValue, label: Self.label($0)) }
                : []
            return FreezeCard(
                fid: item.id, summary: "冻结 #\(item.id)：\(f.bank) 账号 \(BankAccount.mask(f.account))，\(f.status.chinese)",
                events: events, hasEvents: !events.isEmpty)
        }
        blacklist = m.blacklist.map { item in
            let e = item.value
            let subject = e.subjectKind == .person ? IDNumber.mask(e.subjectID) : e.subjectID
            return BlacklistCard(
                eid: item.id,
                summary: "黑名单 #\(item.id)：\(e.subjectKind.chinese) \(subject)，\(e.start) 至 \(e.end)，理由：\(e.reason)\(e.liftedBy.map { "（已由 \($0) 移出）" } ?? "")",
                canLift: active && leads && e.liftedBy == nil)
        }
        referrals = m.referrals.map { item in
            let r = item.value
            return ReferralCard(
                refid: item.id, summary: "移送司法 #\(item.id)：\(r.authority)，\(r.status.chinese)", facts: r.facts, feedback: r.feedback,
                canReceive: active && works && r.status == .sent, canGiveFeedback: active && works && r.status == .received)
        }
        hasMeasures = !(m.recoveries.isEmpty && m.freezes.isEmpty && m.blacklist.isEmpty && m.referrals.isEmpty)
    }

    static func label(_ event: Freeze.Event) -> String {
        switch event {
        case .acknowledge: "银行已签收"
        case .confirmFrozen: "银行确认已冻结"
        case .release: "解除冻结"
        }
    }
}
