import Casework
import Foundation
import FundWatchCore
import Storage

/// A case as the API shows it: the ID number masked (`3701**********1234`).
struct CaseView: Encodable {
    let id: String
    let regionCode: String
    let caseType: String
    let title: String
    let state: String
    let stateLabel: String
    let person: String?
    let institutionID: String?
    let amountAtRisk: Int64
    let outcome: String?
    let decidedBy: String?
    let decidedAt: Date?
    let supervisedBy: String?
    let supervisionDeadline: Date?
    let signedOffBy: String?
    let supervisionOverdue: Bool
    let assignee: String?
    let assignmentReason: String?
    let openedBy: String
    let openedAt: Date
    let updatedAt: Date
    let version: Int64
    let alertIds: [Int64]

    init(_ c: StoredCase, now: Date) {
        id = c.id
        regionCode = c.regionCode
        caseType = c.caseType
        title = c.title
        state = c.state.rawValue
        stateLabel = c.state.chinese
        person = c.personIDNumber.map(Self.maskID)
        institutionID = c.institutionID
        amountAtRisk = c.amountAtRisk.fen
        outcome = c.outcome?.rawValue
        decidedBy = c.decidedBy
        decidedAt = c.decidedAt
        supervisedBy = c.supervision?.regionCode
        supervisionDeadline = c.supervision?.deadline
        signedOffBy = c.supervision?.signedOffBy
        supervisionOverdue = c.isSupervisionOverdue(at: now)
        assignee = c.assignee
        assignmentReason = c.assignmentReason
        openedBy = c.openedBy
        openedAt = c.openedAt
        updatedAt = c.updatedAt
        version = c.version
        alertIds = c.alertIDs
    }

    static func maskID(_ id: String) -> String { IDNumber.mask(id) }
}

struct CaseEventView: Encodable {
    let id: Int64
    let action: String
    let actor: String
    let at: Date
    let from: String?
    let to: String
    let detail: String?
    let payloadSha256: String
    let ledgerIndex: Int64?

    init(_ e: CaseEvent) {
        id = e.id
        action = e.action
        actor = e.actor
        at = e.at
        from = e.fromState?.rawValue
        to = e.toState.rawValue
        detail = e.detail.map(PersonalDataMasker.maskNumbers)
        payloadSha256 = e.payloadSHA256
        ledgerIndex = e.ledgerIndex
    }
}

struct CaseTaskView: Encodable {
    let id: Int64
    let kind: String
    let title: String
    let assignee: String?
    let due: Date
    let doneAt: Date?

    init(_ t: CaseTask) {
        id = t.id
        kind = t.kind
        title = t.title
        assignee = t.assignee
        due = t.due
        doneAt = t.doneAt
    }
}

struct MeasuresView: Encodable {
    struct RecoveryView: Encodable {
        let id: Int64
        let owed: Int64
        let received: Int64
        let writtenOff: Int64
        let outstanding: Int64
        let finished: Bool
        let plan: [Recovery.Instalment]
        let payments: [Recovery.Payment]
        let writeOffApprovedBy: String?
        let pendingWriteOff: Recovery.WriteOffProposal?
    }

    struct FreezeView: Encodable {
        let id: Int64
        let bank: String
        let account: String
        let status: String
        let statusLabel: String
    }

    struct BlacklistView: Encodable {
        let id: Int64
        let subjectKind: String
        let subject: String
        let reason: String
        let start: CivilDate
        let end: CivilDate
        let liftedBy: String?
    }

    struct ReferralView: Encodable {
        let id: Int64
        let authority: String
        let facts: String
        let status: String
        let feedback: String?
    }

    let recoveries: [RecoveryView]
    let freezes: [FreezeView]
    let blacklist: [BlacklistView]
    let referrals: [ReferralView]

    init(_ m: CaseMeasures) {
        recoveries = m.recoveries.map {
            let r = $0.value
            return RecoveryView(
                id: $0.id, owed: r.owed.fen, received: r.received.fen, writtenOff: r.writtenOff.fen, outstanding: r.outstanding.fen,
                finished: r.isFinished, plan: r.plan, payments: r.payments, writeOffApprovedBy: r.writeOffApprovedBy,
                pendingWriteOff: r.pendingWriteOff)
        }
        freezes = m.freezes.map {
            FreezeView(
                id: $0.id, bank: $0.value.bank, account: BankAccount.mask($0.value.account), status: $0.value.status.rawValue,
                statusLabel: $0.value.status.chinese)
        }
        blacklist = m.blacklist.map {
            let e = $0.value
            return BlacklistView(
                id: $0.id, subjectKind: e.subjectKind.rawValue,
                subject: e.subjectKind == .person ? CaseView.maskID(e.subjectID) : e.subjectID, reason: e.reason, start: e.start,
                end: e.end, liftedBy: e.liftedBy)
        }
        referrals = m.referrals.map {
            ReferralView(id: $0.id, authority: $0.value.authority, facts: $0.value.facts, status: $0.value.status.rawValue, feedback: $0.value.feedback)
        }
    }
}

struct EvidenceView: Encodable {
    let id: Int64
    let kind: String
    let title: String
    let sha256: String
    let size: Int?
    let fileType: String?
    let text: String?
    let record: SourceRecordLink?
    let source: String
    let addedBy: String
    let addedAt: Date
    let ledgerIndex: Int64?

    init(_ e: EvidenceItem) {
        id = e.id
        kind = e.kind.rawValue
        title = e.title
        sha256 = e.sha256
        size = e.size
        fileType = e.fileType?.rawValue
        text = e.text
        record = e.record
        source = e.source
        addedBy = e.addedBy
        addedAt = e.addedAt
        ledgerIndex = e.ledgerIndex
    }
}
