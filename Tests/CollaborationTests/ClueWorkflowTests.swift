import Collaboration
import Foundation
import FundWatchCore
import Testing

@Suite("Clue sharing between regions")
struct ClueWorkflowTests {
    func clue() throws -> ClueTransfer {
        try ClueTransfer.send(
            from: "370102", to: "370202", subject: SubjectPerson(idNumber: Fixtures.idNumber, name: "张三丰"),
            summary: "户籍在青岛市南区，历下区发放养老金，疑似死亡后冒领", ruleID: "pension_after_death",
            amountFen: 1_200_000, by: "user/lixia.auditor", at: Fixtures.t0)
    }

    @Test func sendingChecksTheReceivingRegion() throws {
        let sent = try clue()
        #expect(sent.state == .sent)
        #expect(sent.toRegion == "370202")
        let own = #expect(throws: CollaborationError.self) {
            try ClueTransfer.send(
                from: "370102", to: "370102", subject: SubjectPerson(idNumber: Fixtures.idNumber), summary: "x",
                by: "u", at: Fixtures.t0)
        }
        #expect(own?.code == .ownRegion)
        #expect(own?.reason.contains("历下区") == true)
        let unknown = #expect(throws: CollaborationError.self) {
            try ClueTransfer.send(
                from: "370102", to: "999999", subject: SubjectPerson(idNumber: Fixtures.idNumber), summary: "x",
                by: "u", at: Fixtures.t0)
        }
        #expect(unknown?.code == .unknownRegion)
        #expect(unknown?.reason.contains("999999") == true)
        let empty = #expect(throws: CollaborationError.self) {
            try ClueTransfer.send(
                from: "370102", to: "370202", subject: SubjectPerson(idNumber: Fixtures.idNumber), summary: "  ",
                by: "u", at: Fixtures.t0)
        }
        #expect(empty?.code == .invalidInput)
        let negative = #expect(throws: CollaborationError.self) {
            try ClueTransfer.send(
                from: "370102", to: "370202", subject: SubjectPerson(idNumber: Fixtures.idNumber), summary: "x",
                amountFen: -1, by: "u", at: Fixtures.t0)
        }
        #expect(negative?.code == .invalidInput)
    }

    @Test func acceptReturnAndWithdraw() throws {
        let workflow = ClueWorkflow()
        let sent = try clue()
        let accepted = try workflow.apply(.accept(caseID: "QD-2026-7"), to: sent, by: "user/qingdao", at: Fixtures.t0).get()
        #expect(accepted.state == .accepted)
        #expect(accepted.receiverCaseID == "QD-2026-7")
        #expect(accepted.handledBy == "user/qingdao")
        let returned = try workflow.apply(.giveBack(reason: "当事人已迁出本区"), to: sent, by: "user/qingdao", at: Fixtures.t0).get()
        #expect(returned.state == .returned)
        #expect(returned.reason == "当事人已迁出本区")
        let withdrawn = try workflow.apply(.withdraw(reason: "本地已查清"), to: sent, by: "user/lixia", at: Fixtures.t0).get()
        #expect(withdrawn.state == .withdrawn)
        for event: ClueWorkflow.Event in [.giveBack(reason: ""), .withdraw(reason: " ")] {
            guard case .failure(let e) = workflow.apply(event, to: sent, by: "u", at: Fixtures.t0) else {
                Issue.record("\(event.name) without a reason was accepted")
                continue
            }
            #expect(e.code == .reasonRequired)
        }
        for handled in [accepted, returned, withdrawn] {
            for event: ClueWorkflow.Event in [.accept(caseID: nil), .giveBack(reason: "x"), .withdraw(reason: "x")] {
                guard case .failure(let e) = workflow.apply(event, to: handled, by: "u", at: Fixtures.t0) else {
                    Issue.record("\(event.name) from \(handled.state) was accepted")
                    continue
                }
                #expect(e.code == .invalidTransition)
                #expect(e.reason.contains(handled.state.chinese))
            }
        }
    }
}
