import Casework
import Foundation
import FundWatchCore
import GRDB
import Ledger
import Storage
import Testing

/// A casework or collaboration transaction that fails after its ledger step leaves no entry in
/// the ledger without its row (`LedgerBatch` appends as the transaction's last step): a decision
/// whose outcome feed fails after the decision's history row was written, and an evidence note
/// whose history row fails after the evidence row was written.
@Suite struct CaseLedgerConsistencyTests {
    static let auditor = CaseActor(name: "user/lixia.auditor", role: .auditor, regionCode: "370102")
    static let reviewer = CaseActor(name: "user/lixia.reviewer", role: .reviewer, regionCode: "370102")
    static let supervisor = CaseActor(name: "user/lixia.supervisor", role: .supervisor, regionCode: "370102")

    static func count(_ db: FundWatchDatabase, _ sql: String) async throws -> Int {
        try await db.writer.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    /// Every ledger entry from `start` on belongs to a stored row that names its index and hash.
    static func expectNoOrphans(_ world: TestWorld, from start: UInt64) async throws {
        let rows = try await world.database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT ledger_index AS i FROM case_event WHERE ledger_index IS NOT NULL
                    UNION ALL SELECT ledger_index FROM case_evidence WHERE ledger_index IS NOT NULL
                    UNION ALL SELECT ledger_index FROM collab_event WHERE ledger_index IS NOT NULL
                    UNION ALL SELECT ledger_index FROM alert_event WHERE ledger_index IS NOT NULL
                    """
            ).map { UInt64($0["i"] as Int64) }
        }
        let held = Set(rows)
        for index in start..<world.trail.size {
            #expect(held.contains(index), "ledger entry \(index) has no row")
        }
        #expect(try await count(world.database, "SELECT COUNT(*) FROM case_event WHERE ledger_index IS NULL") == 0)
    }

    @Test func aFailureAfterTheLedgerStepLeavesNoOrphanEntry() async throws {
        let world = try await TestWorld()
        let database = world.database
        let scope = try #require(RegionScope(code: "370102"))
        let person = try #require(world.persons["370102"]).value
        let now = world.clock.now
        var c = try await database.openCase(
            NewCase(regionCode: "370102", caseType: "pension_after_death", personIDNumber: person), by: Self.auditor, in: scope,
            at: now, trail: world.trail)
        c = try await database.actOnCase(
            id: c.id, .startVerification, expectedVersion: c.version, by: Self.auditor, in: scope, at: now, trail: world.trail)
        c = try await database.actOnCase(
            id: c.id, .fileCase, expectedVersion: c.version, by: Self.reviewer, in: scope, at: now, trail: world.trail)
        let start = world.trail.size
        try await Self.expectNoOrphans(world, from: 0)

        // The decision's history row and ledger step come first; its outcome row then fails.
        try await database.writer.write { db in
            try db.execute(
                sql: "CREATE TRIGGER forced_failure BEFORE INSERT ON collab_outcome BEGIN SELECT RAISE(ABORT, 'forced failure'); END")
        }
        let events = try await Self.count(database, "SELECT COUNT(*) FROM case_event")
        await #expect(throws: (any Error).self) {
            try await database.actOnCase(
                id: c.id, .decide(outcome: .confirmedFraud, summary: "死亡后冒领养老金"), expectedVersion: c.version,
                by: Self.supervisor, in: scope, at: now, trail: world.trail)
        }
        #expect(world.trail.size == start, "the failed decision left an entry in the ledger")
        #expect(try await Self.count(database, "SELECT COUNT(*) FROM case_event") == events)
        #expect(try await database.storedCase(id: c.id, in: scope)?.state == .investigation)

        // An evidence note: its row and ledger step, then the history row fails.
        try await database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER forced_failure")
            try db.execute(
                sql: "CREATE TRIGGER forced_failure BEFORE INSERT ON case_event BEGIN SELECT RAISE(ABORT, 'forced failure'); END")
        }
        await #expect(throws: (any Error).self) {
            try await database.addEvidenceNote(
                caseID: c.id, title: "走访记录", text: "家属称老人已于去年去世", by: Self.auditor, in: scope, at: now, trail: world.trail)
        }
        #expect(world.trail.size == start)
        #expect(try await Self.count(database, "SELECT COUNT(*) FROM case_evidence") == 0)

        // Without the fault both go through, every entry with its row and the row with its entry's hash.
        try await database.writer.write { db in try db.execute(sql: "DROP TRIGGER forced_failure") }
        let note = try await database.addEvidenceNote(
            caseID: c.id, title: "走访记录", text: "家属称老人已于去年去世", by: Self.auditor, in: scope, at: now, trail: world.trail)
        #expect(note.ledgerIndex != nil)
        c = try #require(try await database.storedCase(id: c.id, in: scope))
        let decided = try await database.actOnCase(
            id: c.id, .decide(outcome: .confirmedFraud, summary: "死亡后冒领养老金"), expectedVersion: c.version,
            by: Self.supervisor, in: scope, at: now, trail: world.trail)
        #expect(decided.state == .decision)
        #expect(world.trail.size > start)
        try await Self.expectNoOrphans(world, from: 0)
        for event in try await database.caseEvents(caseID: c.id, in: scope) {
            let index = try #require(event.ledgerIndex)
            let entry = try LedgerEntry(canonicalJSON: try world.trail.entry(at: UInt64(index)))
            #expect(entry.payloadSHA256 == event.payloadSHA256)
        }
    }
}
