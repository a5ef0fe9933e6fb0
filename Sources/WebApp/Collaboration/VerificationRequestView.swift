import Collaboration
import Foundation
import FundWatchCore
import Storage

/// A verification request as the API shows it: labels in Chinese, and the subject's personal
/// data masked unless the addressed department asked to see it (recorded in the ledger).
struct VerificationRequestView: Encodable {
    struct Subject: Encodable {
        let idNumber: String
        let name: String?
        let masked: Bool
    }

    let id: Int64
    let caseId: String
    let kind: String
    let kindLabel: String
    let department: String
    let departmentLabel: String
    let senderRegion: String
    let addresseeRegion: String
    let subject: Subject
    let questions: [String]
    let state: String
    let stateLabel: String
    let createdBy: String
    let createdAt: Date
    let sentAt: Date?
    let deadline: Date?
    let answer: VerificationAnswer?
    let answerSummary: String?
    let answeredBy: String?
    let closedAt: Date?
    let closingNote: String?
    let remindersSent: Int
    let escalationLevel: Int
    let version: Int
    /// `sender` or `addressee`: which side the caller stands on.
    let side: String

    init(_ r: VerificationRequest, side: VerificationSide, reveal: Bool) {
        id = r.id
        caseId = r.caseID
        kind = r.kind.rawValue
        kindLabel = r.kind.chinese
        department = r.department.rawValue
        departmentLabel = r.department.chinese
        senderRegion = r.senderRegion
        addresseeRegion = r.addresseeRegion
        subject = Subject(
            idNumber: reveal ? r.subject.idNumber : IDNumber.mask(r.subject.idNumber),
            name: reveal ? r.subject.name : r.subject.name.map(PersonalDataMasker.maskName), masked: !reveal)
        questions = r.questions
        state = r.state.rawValue
        stateLabel = r.state.chinese
        createdBy = r.createdBy
        createdAt = r.createdAt
        sentAt = r.sentAt
        deadline = r.deadline
        answer = r.answer
        answerSummary = r.answer?.finding.chinese
        answeredBy = r.answeredBy
        closedAt = r.closedAt
        closingNote = r.closingNote
        remindersSent = r.remindersSent
        escalationLevel = r.escalationLevel
        version = r.version
        self.side = side.rawValue
    }
}

/// A shared clue as the API shows it, the subject masked.
struct ClueView: Encodable {
    let id: Int64
    let fromRegion: String
    let toRegion: String
    let subjectIdNumber: String
    let subjectName: String?
    let summary: String
    let ruleId: String?
    let sourceReference: String?
    let amountFen: Int64?
    let state: String
    let stateLabel: String
    let sentBy: String
    let sentAt: Date
    let handledBy: String?
    let handledAt: Date?
    let receiverCaseId: String?
    let reason: String?
    let version: Int
    /// `outgoing`, `incoming` or `both` (a scope holding both regions).
    let direction: String

    init(_ c: ClueTransfer, scope: RegionScope) {
        id = c.id
        fromRegion = c.fromRegion
        toRegion = c.toRegion
        subjectIdNumber = IDNumber.mask(c.subject.idNumber)
        subjectName = c.subject.name.map(PersonalDataMasker.maskName)
        summary = PersonalDataMasker().mask(
            c.summary, tokens: PersonalTokens(names: Set(c.subject.name.map { [$0] } ?? [])))
        ruleId = c.ruleID
        sourceReference = c.sourceReference
        amountFen = c.amountFen
        state = c.state.rawValue
        stateLabel = c.state.chinese
        sentBy = c.sentBy
        sentAt = c.sentAt
        handledBy = c.handledBy
        handledAt = c.handledAt
        receiverCaseId = c.receiverCaseID
        reason = c.reason
        version = c.version
        let out = scope.contains(c.fromRegion)
        let into = scope.contains(c.toRegion)
        direction = out && into ? "both" : out ? "outgoing" : "incoming"
    }
}
