import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import WebApp

@Suite("In-server jobs can be cancelled, and a cancelled job leaves nothing half-written")
struct JobCancellationTests {
    static func enqueue(_ world: TestWorld, _ kind: ServerJob.Kind = .audit) async throws -> ServerJob {
        try await world.database.enqueueJob(
            kind: kind, argument: nil,
            event: AdminEventInput(
                at: TestWorld.start, actor: "user/nation.admin", action: "job.\(kind.rawValue)", subject: "job/\(kind.rawValue)",
                regionCode: "000000", payload: "{}")
        ).0
    }

    static func runner(_ world: TestWorld) -> JobRunner {
        JobRunner(
            database: world.database, trail: world.trail, rules: world.dependencies.rules, inbox: nil,
            recorder: AdminRecorder(database: world.database, trail: world.trail, logger: world.dependencies.logger),
            clock: world.clock.webClock, logger: world.dependencies.logger)
    }

    @Test func aCancelledAuditEndsCancelledAndStoresAndRecordsNothing() async throws {
        let world = try await TestWorld()
        let job = try await Self.enqueue(world)
        let runs = try await world.database.auditRunCount()
        let ledger = world.trail.size
        let cancellation = JobCancellation()
        cancellation.request()
        await Self.runner(world).execute(job, cancellation: cancellation)
        let ended = try #require(try await world.database.job(id: job.id))
        #expect(ended.status == .cancelled)
        #expect(ended.message?.contains("未写入任何数据") == true)
        #expect(try await world.database.auditRunCount() == runs)
        #expect(world.trail.size == ledger)
        // Another job may start now.
        _ = try await Self.enqueue(world)
    }

    @Test func anAuditNotCancelledRunsToTheEnd() async throws {
        let world = try await TestWorld()
        let job = try await Self.enqueue(world)
        let runs = try await world.database.auditRunCount()
        await Self.runner(world).execute(job, cancellation: JobCancellation())
        #expect(try await world.database.job(id: job.id)?.status == .succeeded)
        #expect(try await world.database.auditRunCount() == runs + 1)
    }

    @Test func aStopRequestedDuringATransactionRollsItBackWhole() async throws {
        let world = try await TestWorld()
        let cancellation = JobCancellation()
        let database = world.database
        let writing = Task {
            try await cancellation.interruptible {
                try await database.writer.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO person (batch_id, file_id, line, id_number, name, sex, birth_date, region_code)
                            VALUES (0, 0, 1, '370102196105040213', '赵六', 'male', '1961-05-04', '370102')
                            """)
                    // Long enough to be interrupted half-way: a billion-row recursive count.
                    _ = try Int.fetchOne(
                        db,
                        sql: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT COUNT(*) FROM n")
                }
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        cancellation.request()
        await #expect(throws: JobCancelled.self) { try await writing.value }
        let rows = try await world.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person WHERE id_number = '370102196105040213'")
        }
        #expect(rows == 0)
        // A request before the work starts stops it before it touches anything.
        await #expect(throws: JobCancelled.self) { try await cancellation.interruptible { 1 } }
    }

    @Test func cancellingAnUnknownOrFinishedJobIsRefusedAndThePageOffersCancelForOpenJobs() async throws {
        let world = try await TestWorld()
        var dependencies = world.dependencies
        dependencies.dataFolder = world.folder
        let admin = try await world.token("nation.admin", scopes: ["read", "admin"])
        let auditor = try await world.token("lixia.auditor", scopes: ["read", "admin"])
        let auth: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]
        let app = Application(router: try await buildRouter(configuration: world.configuration, dependencies: dependencies))
        try await app.test(.router) { client in
            var response = try await client.execute(uri: "/api/v1/admin/jobs/999/cancel", method: .post, headers: auth)
            #expect(response.status == .notFound)
            response = try await client.execute(
                uri: "/api/v1/admin/jobs", method: .post, headers: auth, body: ByteBuffer(string: #"{"kind": "audit"}"#))
            let id = try #require(try client.json(response)["id"] as? Int)
            let ended = try #require(try await JobRunnerTests.finished(client, id: id, auth: auth))
            #expect(ended["status"] as? String == "succeeded", "\(ended)")
            response = try await client.execute(uri: "/api/v1/admin/jobs/\(id)/cancel", method: .post, headers: auth)
            #expect(response.status == .conflict)
            #expect(client.code(response) == "job_finished")
            response = try await client.execute(
                uri: "/api/v1/admin/jobs/\(id)/cancel", method: .post,
                headers: [.authorization: "Bearer \(auditor)", .contentType: "application/json"])
            #expect(response.status == .forbidden)

            // A job still open (queued) has a cancel button on the admin page; the form needs its CSRF token.
            let open = try await Self.enqueue(world)
            let browser = try await client.signIn("nation.admin")
            let html = try await client.execute(uri: "/admin", method: .get, headers: browser.headers) { String(buffer: $0.body) }
            #expect(html.contains("action=\"/admin/jobs/\(open.id)/cancel\""))
            #expect(!html.contains("action=\"/admin/jobs/\(id)/cancel\""))
            response = try await client.execute(
                uri: "/admin/jobs/\(open.id)/cancel", method: .post, headers: browser.formHeaders(), body: ByteBuffer(string: ""))
            #expect(response.status == .forbidden)
        }
    }
}
