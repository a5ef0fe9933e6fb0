import Dashboard
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import Storage
import Testing
@testable import WebApp

/// The caches and batching that keep the API fast must not change what it answers.
@Suite("Web performance paths: group-committed ledger records, cached cockpit rendering")
struct WebPerformanceTests {
    @Test func concurrentRecordsShareGroupCommitsAndEachIsDurableOnceFlushed() async throws {
        let world = try await TestWorld()
        let queue = LedgerCommitQueue(trail: world.trail)
        let before = world.trail.size
        await withTaskGroup(of: Bool.self) { group in
            for n in 0..<64 {
                group.addTask {
                    queue.enqueue(
                        AuditTrail.Record(type: .paymentCheck, actor: "test", subject: "payment/P\(n)", payload: Data("\(n)".utf8)))
                }
            }
            for await accepted in group { #expect(accepted) }
        }
        #expect(await queue.flush(timeout: .seconds(30)) == 0)
        #expect(world.trail.size == before + 64)
        #expect(queue.committedCount == 64)
        // Every record is in the ledger once, whatever order the callers came in.
        var subjects = Set<String>()
        for index in before..<before + 64 {
            subjects.insert(try LedgerEntry(canonicalJSON: try world.trail.entry(at: index)).subject)
        }
        #expect(subjects == Set((0..<64).map { "payment/P\($0)" }))
    }

    @Test func theCockpitJSONIsCachedPerSnapshotAndFollowsNewFindings() async throws {
        let world = try await TestWorld()
        let source = try #require(world.dependencies.cockpit as? RollupCockpitSource)
        let scope = try #require(RegionScope(code: "370100"))
        let first = try await source.cockpitJSON(for: scope)
        // The cached bytes are what encoding the data afresh gives.
        #expect(first == (try JSONOutput.encoder().encode(try await source.cockpit(for: scope))))
        #expect(try await source.cockpitJSON(for: scope) == first)
        let totals = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
        #expect(totals["total_findings"] as? Int == 4)
        #expect((totals["heat_map_svg"] as? String)?.contains("<svg") == true)

        let person = try #require(world.persons["370103"])
        try await world.storeCustodyAudit([
            TestWorld.custodyFinding(idNumber: person.value, regionCode: "370103", record: "C-1", payload: "cache")
        ])
        // Within the cache's recheck interval the snapshot (and so the drawing) stays; after it, both move.
        world.clock.advance(5)
        let second = try await source.cockpitJSON(for: scope)
        let moved = try #require(try JSONSerialization.jsonObject(with: second) as? [String: Any])
        #expect(moved["total_findings"] as? Int == 5)
        #expect(second == (try JSONOutput.encoder().encode(try await source.cockpit(for: scope))))
    }

    @Test func theDashboardAPIServesTheCachedJSON() async throws {
        let world = try await TestWorld()
        let token = try await world.token("jinan.leader")
        let source = try #require(world.dependencies.cockpit as? RollupCockpitSource)
        let expected = try await source.cockpitJSON(for: try #require(RegionScope(code: "370100")))
        try await world.test { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/dashboard", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    #expect(Data(response.body.readableBytesView) == expected)
                }
            }
        }
    }
}
