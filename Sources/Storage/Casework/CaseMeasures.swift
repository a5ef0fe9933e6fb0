public import Casework
public import FundWatchCore

/// A case's enforcement measures with their ids.
public struct CaseMeasures: Sendable, Hashable {
    public var recoveries: [Identified<Recovery>]
    public var freezes: [Identified<Freeze>]
    public var blacklist: [Identified<BlacklistEntry>]
    public var referrals: [Identified<JudicialReferral>]

    /// Each measure with whether it is finished, as closure checks it.
    public var statuses: [MeasureStatus] {
        recoveries.map { MeasureStatus(kind: .recovery, id: $0.id, finished: $0.value.isFinished) }
            + freezes.map { MeasureStatus(kind: .freeze, id: $0.id, finished: $0.value.isFinished) }
            + blacklist.map { MeasureStatus(kind: .blacklist, id: $0.id, finished: $0.value.isFinished) }
            + referrals.map { MeasureStatus(kind: .referral, id: $0.id, finished: $0.value.isFinished) }
    }
}

/// A stored value and its row id.
public struct Identified<Value: Sendable & Hashable>: Sendable, Hashable {
    public var id: Int64
    public var value: Value
}

/// A step on a case's enforcement measures.
public enum MeasureCommand: Sendable, Hashable {
    case startRecovery(owed: Money, plan: [Recovery.Instalment])
    case recordPayment(recoveryID: Int64, amount: Money, receivedOn: CivilDate)
    /// A write-off (核销) proposed by someone working the case; it takes effect only when a
    /// second person approves it.
    case proposeWriteOff(recoveryID: Int64, amount: Money, reason: String)
    /// The pending write-off approved by a supervisor or leader other than its proposer.
    case approveWriteOff(recoveryID: Int64)
    /// The pending write-off declined, with a reason.
    case declineWriteOff(recoveryID: Int64, reason: String)
    case orderFreeze(bank: String, account: String)
    case advanceFreeze(freezeID: Int64, event: Freeze.Event)
    case blacklist(kind: BlacklistEntry.SubjectKind, subjectID: String, reason: String, start: CivilDate, end: CivilDate)
    case liftBlacklist(entryID: Int64)
    case sendReferral(authority: String, facts: String)
    case referralReceived(referralID: Int64)
    case referralFeedback(referralID: Int64, feedback: String)

    /// The step's name in the history and the ledger payload.
    public var name: String {
        switch self {
        case .startRecovery: "start_recovery"
        case .recordPayment: "record_payment"
        case .proposeWriteOff: "propose_write_off"
        case .approveWriteOff: "write_off"
        case .declineWriteOff: "decline_write_off"
        case .orderFreeze: "order_freeze"
        case .advanceFreeze(_, let event): "freeze_\(event.rawValue)"
        case .blacklist: "blacklist"
        case .liftBlacklist: "lift_blacklist"
        case .sendReferral: "send_referral"
        case .referralReceived: "referral_received"
        case .referralFeedback: "referral_feedback"
        }
    }

    /// Whether the step starts a new measure (only after a decision) rather than moving one on.
    var startsMeasure: Bool {
        switch self {
        case .startRecovery, .orderFreeze, .blacklist, .sendReferral: true
        default: false
        }
    }
}

