import Collaboration
import Foundation
import FundWatchCore
import GRDB
import Ledger
import Storage
import Testing

/// The collaboration tables through `FundWatchDatabase`: scope on every read, sides of each
/// step, optimistic locking, and every change in the ledger.
@Suite("Collaboration storage")
struct CollaborationStoreTests {
    let database: FundWatchDatabase
    let trail: AuditTrail

    init() throws {
        database = try FundWatchDatabase.inMemory()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-collab-\(UUID().uuidString)").path
        trail = try AuditTrail.open(data: folder)
    }

    static func scope(_ code: String) -> RegionScope { RegionScope(code: code)! }
    let lixia = CollaborationAccess(scope: CollaborationStoreTests.scope("370102"))
    let shizhong = CollaborationAccess(scope: CollaborationStoreTests.scope("370103"))
    let qingdaoCivil = CollaborationAccess(scope: CollaborationStoreTests.scope("370200"), department: .civilAffairs)
    let qingdaoPolice = CollaborationAccess(scope: CollaborationStoreTests.scope("370200"), department: .publicSecurity)
    let jinanCivil = CollaborationAccess(scope: CollaborationStoreTests.scope("370100"), department: .civilAffairs)

    func sent() async throws -> VerificationRequest {
        try await database.createVerificationRequest(
            try Fixtures.draft(), send: true, by: "user/lixia.auditor", at: Fixtures.t0, trail: trail
        ).request
    }

    @Test func requestsAreSeenFromTheirTwoSidesOnly() async throws {
        let request = try await sent()
        #expect(request.id > 0)
        #expect(request.state == .sent)
        #expect(request.version == 2)
        #expect(try await database.verificationRequests(access: lixia).map(\.id) == [request.id])
        #expect(try await database.verificationRequests(access: qingdaoCivil).map(\.id) == [request.id])
        for other in [shizhong, qingdaoPolice, jinanCivil] {
            #expect(try await database.verificationRequests(access: other).isEmpty)
            #expect(try await database.verificationRequest(id: request.id, access: other) == nil)
        }
        #expect(try await database.verificationRequests(access: lixia, state: .answered).isEmpty)
        #expect(try await database.verificationRequests(access: lixia, caseID: "CASE-1").count == 1)
    }

    @Test func answerFromTheDepartmentIsRecordedInTheLedger() async throws {
        let request = try await sent()
        let before = trail.size
        // The sender cannot answer, nor a department that was not asked.
        let senderError = await #expect(throws: CollaborationError.self) {
            try await database.applyVerification(
                .answer(Fixtures.deathAnswer(), from: .civilAffairs), toRequest: request.id, by: "user/lixia.auditor",
                access: lixia, at: Fixtures.t0, trail: trail)
        }
        #expect(senderError?.code == .forbidden)
        let policeError = await #expect(throws: CollaborationError.self) {
            try await database.applyVerification(
                .answer(Fixtures.deathAnswer(), from: .publicSecurity), toRequest: request.id, by: "user/qd.police",
                access: qingdaoPolice, at: Fixtures.t0, trail: trail)
        }
        #expect(policeError?.code == .notFound)
        // A stale version is refused.
        let stale = await #expect(throws: CollaborationError.self) {
            try await database.applyVerification(
                .answer(Fixtures.deathAnswer(), from: .civilAffairs), toRequest: request.id, by: "user/qd.civil",
                access: qingdaoCivil, expectedVersion: 1, at: Fixtures.t0, trail: trail)
        }
        #expect(stale?.code == .staleVersion)
        #expect(trail.size == before)

        let answered = try await database.applyVerification(
            .answer(Fixtures.deathAnswer(), from: .civilAffairs), toRequest: request.id, by: "user/qd.civil",
            access: qingdaoCivil, expectedVersion: 2, at: Fixtures.t0.addingTimeInterval(3600), trail: trail)
        #expect(answered.request.state == .answered)
        #expect(answered.request.answeredBy == "user/qd.civil")
        #expect(answered.effects == [.recordEvidence(late: false)])
        #expect(trail.size == before + 1)

        let history = try await database.collaborationEvents(object: "request", id: String(request.id))
        #expect(history.map(\.action) == ["create", "send", "answer"])
        #expect(history.map(\.toState) == ["draft", "sent", "answered"])
        // The ledger entry of the answer names the request and hashes its step, no personal data.
        let last = try #require(history.last?.ledgerIndex)
        let entry = String(decoding: try trail.entry(at: UInt64(last)), as: UTF8.self)
        #expect(entry.contains("\"subject\":\"request/\(request.id)\""))
        #expect(entry.contains("case_event"))
        #expect(!entry.contains(Fixtures.idNumber))
        #expect(!entry.contains("张三丰"))

        // The liaison cannot close; the sender can.
        let closeError = await #expect(throws: CollaborationError.self) {
            try await database.applyVerification(
                .close(note: nil), toRequest: request.id, by: "user/qd.civil", access: qingdaoCivil, at: Fixtures.t0,
                trail: trail)
        }
        #expect(closeError?.code == .forbidden)
        let closed = try await database.applyVerification(
            .close(note: "已入卷"), toRequest: request.id, by: "user/lixia.auditor", access: lixia, at: Fixtures.t0,
            trail: trail)
        #expect(closed.request.state == .closed)
        #expect(try await database.verificationRequest(id: request.id, access: lixia)?.version == 4)
    }

    @Test func sweepMarksOverdueAndEscalates() async throws {
        let request = try await sent()
        let draft = try await database.createVerificationRequest(
            try Fixtures.draft(), send: false, by: "user/lixia.auditor", at: Fixtures.t0, trail: trail
        ).request
        #expect(try await database.sweepVerificationDeadlines(at: Fixtures.t0.addingTimeInterval(Fixtures.day), trail: trail).isEmpty)
        let reminded = try await database.sweepVerificationDeadlines(
            at: Fixtures.t0.addingTimeInterval(5 * Fixtures.day), trail: trail)
        #expect(reminded.flatMap(\.effects) == [.remindDepartment(daysLeft: 2)])
        let late = try await database.sweepVerificationDeadlines(
            at: Fixtures.t0.addingTimeInterval(9 * Fixtures.day), trail: trail)
        #expect(late.flatMap(\.effects) == [.notifySenderOverdue, .escalate(level: 1)])
        let stored = try #require(try await database.verificationRequest(id: request.id, access: lixia))
        #expect(stored.state == .overdue)
        #expect(stored.escalationLevel == 1)
        let history = try await database.collaborationEvents(object: "request", id: String(request.id))
        #expect(history.map(\.action) == ["create", "send", "remind", "deadline_passed", "escalate"])
        #expect(history.allSatisfy { $0.ledgerIndex != nil })
        #expect(try await database.verificationRequest(id: draft.id, access: lixia)?.state == .draft)
    }

    @Test func cluesBetweenRegions() async throws {
        let clue = try ClueTransfer.send(
            from: "370102", to: "370202", subject: SubjectPerson(idNumber: Fixtures.idNumber), summary: "疑似死亡后冒领",
            by: "user/lixia.auditor", at: Fixtures.t0)
        let forged = await #expect(throws: CollaborationError.self) {
            try await database.sendClue(clue, scope: Self.scope("370103"), at: Fixtures.t0, trail: trail)
        }
        #expect(forged?.code == .forbidden)
        let stored = try await database.sendClue(clue, scope: Self.scope("370102"), at: Fixtures.t0, trail: trail)
        #expect(try await database.clues(in: Self.scope("370102"), direction: .outgoing).map(\.id) == [stored.id])
        #expect(try await database.clues(in: Self.scope("370102"), direction: .incoming).isEmpty)
        #expect(try await database.clues(in: Self.scope("370200"), direction: .incoming).map(\.id) == [stored.id])
        #expect(try await database.clues(in: Self.scope("370103")).isEmpty)
        #expect(try await database.clue(id: stored.id, in: Self.scope("370103")) == nil)
        // The sender cannot accept its own clue; the receiver can.
        let wrongSide = await #expect(throws: CollaborationError.self) {
            try await database.applyClue(
                .accept(caseID: nil), toClue: stored.id, by: "user/lixia.auditor", scope: Self.scope("370102"),
                at: Fixtures.t0, trail: trail)
        }
        #expect(wrongSide?.code == .forbidden)
        let accepted = try await database.applyClue(
            .accept(caseID: "QD-1"), toClue: stored.id, by: "user/shinan.auditor", scope: Self.scope("370202"),
            expectedVersion: 1, at: Fixtures.t0, trail: trail)
        #expect(accepted.state == .accepted)
        // Both sides see the new status.
        #expect(try await database.clue(id: stored.id, in: Self.scope("370102"))?.state == .accepted)
        let late = await #expect(throws: CollaborationError.self) {
            try await database.applyClue(
                .withdraw(reason: "x"), toClue: stored.id, by: "user/lixia.auditor", scope: Self.scope("370102"),
                at: Fixtures.t0, trail: trail)
        }
        #expect(late?.code == .invalidTransition)
        let history = try await database.collaborationEvents(object: "clue", id: String(stored.id))
        #expect(history.map(\.action) == ["send", "accept"])
    }

    @Test func outcomesReportAndRectification() async throws {
        let province = Self.scope("370000")
        for outcome in CauseAnalysisTests.outcomes() {
            try await database.recordOutcome(outcome, by: "user/x", scope: province, at: Fixtures.t0, trail: trail)
        }
        // Recording the same outcome again changes nothing; revising it is recorded.
        var first = CauseAnalysisTests.outcomes()[0]
        #expect(try await database.recordOutcome(first, by: "user/x", scope: province, at: Fixtures.t0, trail: trail) == false)
        first.amountFen = 5
        try await database.recordOutcome(first, by: "user/x", scope: province, at: Fixtures.t0, trail: trail)
        #expect(try await database.collaborationEvents(object: "outcome", id: first.caseID).map(\.action) == ["record", "revise"])
        let outside = await #expect(throws: CollaborationError.self) {
            try await database.recordOutcome(first, by: "user/y", scope: Self.scope("370103"), at: Fixtures.t0, trail: trail)
        }
        #expect(outside?.code == .forbidden)

        let from = Fixtures.date("2026-01-01")
        let to = Fixtures.date("2026-06-30")
        #expect(try await database.outcomes(in: province, from: from, to: to).count == 22)
        #expect(try await database.outcomes(in: Self.scope("370102"), from: from, to: to).count == 14)
        let outcomes = try await database.outcomes(in: Self.scope("370102"), from: from, to: to)
        let report = CauseAnalysis.report(outcomes: outcomes, from: from, to: to, scopeRegion: "370102")
        let suggestion = try #require(report.suggestions.first { $0.pattern == .lateDeathRegistration })

        let task = try Rectification.from(
            suggestion, owner: "user/lixia.supervisor", deadline: Fixtures.date("2026-12-31"), by: "user/jinan.leader",
            at: Fixtures.t0, today: Fixtures.date("2026-09-21"))
        let stored = try await database.createRectification(task, scope: Self.scope("370100"), at: Fixtures.t0, trail: trail)
        #expect(try await database.rectifications(in: Self.scope("370102")).map(\.id) == [stored.id])
        #expect(try await database.rectifications(in: Self.scope("370103")).isEmpty)
        let started = try await database.applyRectification(
            .start, toTask: stored.id, by: "user/lixia.supervisor", scope: Self.scope("370102"), at: Fixtures.t0,
            trail: trail)
        #expect(started.state == .inProgress)
        let hidden = await #expect(throws: CollaborationError.self) {
            try await database.applyRectification(
                .submit(report: "x"), toTask: stored.id, by: "user/lixia.supervisor", scope: Self.scope("370103"),
                at: Fixtures.t0, trail: trail)
        }
        #expect(hidden?.code == .notFound)
        #expect(
            try await database.collaborationEvents(object: "rectification", id: String(stored.id)).map(\.action)
                == ["create", "start"])
    }
}
