import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import Logging
import Storage
import Testing
import WebApp

/// The deadline sweep that `serve` runs on a timer, driven here on the test clock: a task's
/// reminder before its deadline and its escalation after, each given once and recorded in the
/// case's history and the ledger; a verification request going overdue.
@Suite struct CaseDeadlineSweepTests {
    @Test func remindersAndEscalationsAreGivenOnceOnTheInjectedClock() async throws {
        let c = try await CollaborationWorld()
        let world = c.world
        let auditor = try await CaseAPITests.token(world, "lixia.auditor", seed: 700, scopes: CaseCollaborationWiringTests.allScopes)
        let alert = try #require(world.alerts["370102.red"])
        let sweeper = DeadlineSweeper(database: world.database, trail: world.trail, clock: world.clock.webClock)
        try await world.test { client in
            let (_, opened) = try await CaseAPITests.post(client, "/api/v1/cases", auditor, #"{"alert_ids": [\#(alert)]}"#)
            let id = try #require(opened["id"] as? String)
            try await c.assignDepartments(client)
            let (created, _) = try await CaseAPITests.post(
                client, "/api/v1/verification-requests", auditor, c.deathRequestJSON(caseID: id))
            #expect(created == .created)

            // Nothing is due yet.
            let first = try await sweeper.sweep()
            #expect(first.reminders == 0 && first.escalations == 0 && first.requests == 0)

            let (_, tasks) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)/tasks", auditor)
            let task = try #require((tasks["tasks"] as? [[String: Any]])?.first)
            let formatter = ISO8601DateFormatter()
            let dueText = try #require(task["due"] as? String)
            let due = try #require(formatter.date(from: dueText))
            // A day before the deadline: one reminder, and only one however often the sweep runs.
            world.clock.advance(due.timeIntervalSince(world.clock.now) - 86_400)
            let soon = try await sweeper.sweep()
            #expect(soon.reminders == 1)
            #expect(try await sweeper.sweep().reminders == 0)
            // A day after: one escalation; the verification request is long overdue by then.
            world.clock.advance(2 * 86_400 + 30 * 86_400)
            let late = try await sweeper.sweep()
            #expect(late.escalations == 1)
            #expect(soon.requests + late.requests >= 1)
            #expect(try await sweeper.sweep().escalations == 0)

            let (_, detail) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)", auditor)
            let history = try #require(detail["history"] as? [[String: Any]])
            let notices = history.filter { ($0["action"] as? String)?.hasPrefix("task_") == true }
            #expect(notices.map { $0["action"] as? String } == ["task_reminder", "task_escalation"])
            for event in notices {
                let index = try #require(event["ledger_index"] as? Int)
                let entry = try LedgerEntry(canonicalJSON: try world.trail.entry(at: UInt64(index)))
                #expect(entry.subject == "case/\(id)" && entry.payloadSHA256 == event["payload_sha256"] as? String)
            }
            let (_, requests) = try await CaseAPITests.get(client, "/api/v1/verification-requests?case_id=\(id)", auditor)
            let state = (requests["requests"] as? [[String: Any]])?.first?["state"] as? String
            #expect(state == "overdue")
        }
    }

    @Test func theTimerLoopSweepsUntilCancelled() async throws {
        let world = try await TestWorld()
        let sweeper = DeadlineSweeper(database: world.database, trail: world.trail, clock: world.clock.webClock)
        let alert = try #require(world.alerts["370102.red"])
        let token = try await CaseAPITests.token(world, "lixia.auditor", seed: 701, scopes: ["read", "cases:write"])
        try await world.test { client in
            let (s, _) = try await CaseAPITests.post(client, "/api/v1/cases", token, #"{"alert_ids": [\#(alert)]}"#)
            #expect(s == .created)
        }
        let ticks = Ticks()
        let clock = world.clock
        // Each tick moves the test clock on ten days; the third stops the loop as a cancel would.
        await sweeper.run(every: .seconds(900), logger: Logger(label: "test")) { interval in
            #expect(interval == .seconds(900))
            if ticks.next() >= 3 { throw CancellationError() }
            clock.advance(10 * 86_400)
        }
        #expect(ticks.count == 3)
        let county = RegionScope(code: "370102")!
        let opened = try #require(try await world.database.cases(in: county).first)
        let escalations = try await world.database.caseEvents(caseID: opened.id, in: county).filter { $0.action == "task_escalation" }
        #expect(escalations.count == 1)
    }
}

/// Counts the timer's ticks across the sweeper's sleep closure.
final class Ticks: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    var count: Int { lock.withLock { value } }
    func next() -> Int { lock.withLock { value += 1; return value } }
}
