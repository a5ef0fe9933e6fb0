import Collaboration
import Foundation
import FundWatchCore
import Testing

@Suite("Verification requests")
struct VerificationWorkflowTests {
    let workflow = VerificationWorkflow()

    func apply(_ event: VerificationWorkflow.Event, _ request: VerificationRequest, at t: Date = Fixtures.t0)
        throws -> VerificationWorkflow.Transition
    {
        try workflow.apply(event, to: request, at: t).get()
    }

    func refusal(_ event: VerificationWorkflow.Event, _ request: VerificationRequest, at t: Date = Fixtures.t0)
        -> CollaborationError?
    {
        if case .failure(let e) = workflow.apply(event, to: request, at: t) { return e }
        return nil
    }

    @Test func draftFillsTheDefaultQuestionAndChecksItsInput() throws {
        let draft = try Fixtures.draft()
        #expect(draft.state == .draft)
        #expect(draft.questions == [VerificationKind.deathStatus.defaultQuestion])
        let wrong = #expect(throws: CollaborationError.self) {
            try VerificationRequest.draft(
                caseID: "C", kind: .identityCheck, department: .civilAffairs, senderRegion: "370102",
                addresseeRegion: "370202", subject: SubjectPerson(idNumber: Fixtures.idNumber), questions: [],
                createdBy: "u", at: Fixtures.t0)
        }
        #expect(wrong?.code == .wrongDepartment)
        #expect(wrong?.reason.contains("公安") == true)
        let region = #expect(throws: CollaborationError.self) {
            try VerificationRequest.draft(
                caseID: "C", kind: .deathStatus, department: .civilAffairs, senderRegion: "370102",
                addresseeRegion: "379999", subject: SubjectPerson(idNumber: Fixtures.idNumber), questions: [],
                createdBy: "u", at: Fixtures.t0)
        }
        #expect(region?.code == .unknownRegion)
        #expect(region?.reason.contains("379999") == true)
        let id = #expect(throws: CollaborationError.self) {
            try VerificationRequest.draft(
                caseID: "C", kind: .deathStatus, department: .civilAffairs, senderRegion: "370102",
                addresseeRegion: "370202", subject: SubjectPerson(idNumber: "12345"), questions: [], createdBy: "u",
                at: Fixtures.t0)
        }
        #expect(id?.code == .invalidInput)
        let generic = #expect(throws: CollaborationError.self) {
            try VerificationRequest.draft(
                caseID: "C", kind: .generic, department: .tax, senderRegion: "370102", addresseeRegion: "370202",
                subject: SubjectPerson(idNumber: Fixtures.idNumber), questions: ["  "], createdBy: "u", at: Fixtures.t0)
        }
        #expect(generic?.code == .invalidInput)
        let noCase = #expect(throws: CollaborationError.self) {
            try VerificationRequest.draft(
                caseID: " ", kind: .deathStatus, department: .civilAffairs, senderRegion: "370102",
                addresseeRegion: "370202", subject: SubjectPerson(idNumber: Fixtures.idNumber), questions: [],
                createdBy: "u", at: Fixtures.t0)
        }
        #expect(noCase?.code == .invalidInput)
    }

    @Test func sendSetsTheDeadlineOfTheKind() throws {
        let sent = try apply(.send, try Fixtures.draft())
        #expect(sent.request.state == .sent)
        #expect(sent.effects == [.deliverToDepartment])
        #expect(sent.request.deadline == Fixtures.t0.addingTimeInterval(7 * Fixtures.day))
        let custom = VerificationWorkflow(
            policy: VerificationPolicy(deadlineDays: [.deathStatus: 3], reminderDaysBefore: [1], escalationDaysAfter: [1]))
        let fast = try custom.apply(.send, to: try Fixtures.draft(), at: Fixtures.t0).get()
        #expect(fast.request.deadline == Fixtures.t0.addingTimeInterval(3 * Fixtures.day))
    }

    @Test func answerFromTheAddressedDepartmentBecomesEvidence() throws {
        let sent = try apply(.send, try Fixtures.draft()).request
        let at = Fixtures.t0.addingTimeInterval(2 * Fixtures.day)
        let answered = try apply(.answer(Fixtures.deathAnswer(), from: .civilAffairs), sent, at: at)
        #expect(answered.request.state == .answered)
        #expect(answered.effects == [.recordEvidence(late: false)])
        #expect(answered.request.answer?.answeredAt == at)
        #expect(answered.request.answer?.finding == .death(.dead(on: Fixtures.date("2026-05-03"))))
        let evidence = try #require(CollaborationEvidence.answer(of: answered.request))
        #expect(evidence.caseID == "CASE-1")
        #expect(evidence.title.contains("已死亡，死亡日期 2026-05-03"))
        #expect(evidence.provenance.contains("火化证明"))
        #expect(!evidence.title.contains(Fixtures.idNumber))
    }

    @Test func answersThatDoNotFitAreRefused() throws {
        let sent = try apply(.send, try Fixtures.draft()).request
        #expect(refusal(.answer(Fixtures.deathAnswer(), from: .court), sent)?.code == .wrongDepartment)
        let identity = VerificationAnswer(
            finding: .identity(.notFound), officer: "x", sourceDocument: "y", answeredAt: Fixtures.t0)
        #expect(refusal(.answer(identity, from: .civilAffairs), sent)?.code == .answerMismatch)
        var noOfficer = Fixtures.deathAnswer()
        noOfficer.officer = " "
        #expect(refusal(.answer(noOfficer, from: .civilAffairs), sent)?.code == .invalidInput)
        var noDocument = Fixtures.deathAnswer()
        noDocument.sourceDocument = ""
        #expect(refusal(.answer(noDocument, from: .civilAffairs), sent)?.reason.contains("source_document") == true)
    }

    @Test func everyRefusedTransitionSaysWhy() throws {
        let draft = try Fixtures.draft()
        let sent = try apply(.send, draft).request
        let answered = try apply(.answer(Fixtures.deathAnswer(), from: .civilAffairs), sent).request
        let closed = try apply(.close(note: nil), answered).request
        let overdue = try apply(.deadlinePassed, sent, at: Fixtures.t0.addingTimeInterval(8 * Fixtures.day)).request
        let answer = VerificationWorkflow.Event.answer(Fixtures.deathAnswer(), from: .civilAffairs)
        // From each state, the events it must refuse.
        let refused: [(VerificationRequest, [VerificationWorkflow.Event])] = [
            (draft, [answer, .remind, .deadlinePassed, .escalate(level: 1), .close(note: nil)]),
            (sent, [.send, .escalate(level: 1), .close(note: nil)]),
            (answered, [.send, answer, .remind, .deadlinePassed, .escalate(level: 1), .withdraw(reason: "x")]),
            (overdue, [.send, .remind, .deadlinePassed, .close(note: nil)]),
            (closed, [.send, answer, .remind, .deadlinePassed, .escalate(level: 1), .close(note: nil), .withdraw(reason: "x")]),
        ]
        for (request, events) in refused {
            for event in events {
                let error = refusal(event, request, at: Fixtures.t0.addingTimeInterval(30 * Fixtures.day))
                #expect(error?.code == .invalidTransition, "\(event.name) from \(request.state)")
                #expect(error?.reason.isEmpty == false)
            }
        }
        #expect(refusal(.deadlinePassed, sent, at: Fixtures.t0.addingTimeInterval(Fixtures.day))?.reason == "协查尚未到期，不能标记逾期")
        #expect(refusal(.escalate(level: 2), overdue)?.code == .invalidTransition)
        #expect(refusal(.withdraw(reason: " "), sent)?.code == .reasonRequired)
    }

    @Test func lateAnswerWithdrawAndClose() throws {
        let draft = try Fixtures.draft()
        let sent = try apply(.send, draft).request
        let overdue = try apply(.deadlinePassed, sent, at: Fixtures.t0.addingTimeInterval(7 * Fixtures.day))
        #expect(overdue.request.state == .overdue)
        #expect(overdue.effects == [.notifySenderOverdue])
        let escalated = try apply(.escalate(level: 1), overdue.request)
        #expect(escalated.request.escalationLevel == 1)
        #expect(escalated.effects == [.escalate(level: 1)])
        let late = try apply(.answer(Fixtures.deathAnswer(.alive), from: .civilAffairs), escalated.request)
        #expect(late.request.state == .answered)
        #expect(late.effects == [.recordEvidence(late: true)])
        let closed = try apply(.close(note: "已入卷"), late.request)
        #expect(closed.request.state == .closed)
        #expect(closed.request.closingNote == "已入卷")
        for from in [draft, sent, overdue.request] {
            let withdrawn = try apply(.withdraw(reason: "案件已撤销"), from)
            #expect(withdrawn.request.state == .closed)
            #expect(withdrawn.request.closingNote == "案件已撤销")
        }
        let reminded = try apply(.remind, sent, at: Fixtures.t0.addingTimeInterval(5 * Fixtures.day))
        #expect(reminded.request.remindersSent == 1)
        #expect(reminded.effects == [.remindDepartment(daysLeft: 2)])
    }

    @Test func theClockDrivesRemindersDeadlineAndEscalation() throws {
        let sent = try apply(.send, try Fixtures.draft()).request  // deadline t0 + 7 days
        func at(_ days: Double) -> Date { Fixtures.t0.addingTimeInterval(days * Fixtures.day) }
        #expect(workflow.dueEvents(for: sent, at: at(1)).isEmpty)
        #expect(workflow.dueEvents(for: sent, at: at(4)) == [.remind])
        let first = workflow.tick(sent, at: at(4))
        #expect(first.map(\.request.remindersSent) == [1])
        // The same moment again: nothing new.
        #expect(workflow.tick(first[0].request, at: at(4.5)).isEmpty)
        #expect(workflow.dueEvents(for: first[0].request, at: at(6)) == [.remind])
        // A sweep that slept past both reminders sends one, counting both.
        let caughtUp = workflow.tick(sent, at: at(6.5))
        #expect(caughtUp.count == 1)
        #expect(caughtUp[0].request.remindersSent == 2)
        // Ten days after the deadline: overdue, then both escalation levels, in order.
        let late = workflow.tick(sent, at: at(17))
        #expect(late.map(\.request.state) == [.overdue, .overdue, .overdue])
        #expect(late.flatMap(\.effects) == [.notifySenderOverdue, .escalate(level: 1), .escalate(level: 2)])
        #expect(workflow.tick(late.last!.request, at: at(30)).isEmpty)
        // A draft or an answered request is never due.
        #expect(workflow.dueEvents(for: try Fixtures.draft(), at: at(30)).isEmpty)
    }
}
