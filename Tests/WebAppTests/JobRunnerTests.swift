import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

@Suite("In-server jobs: an admin runs an audit or an inbox import inside the server that holds the ledger")
struct JobRunnerTests {
    static func json(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    /// Polls the job's status until it ends (the job runs in the background); nil if it never does.
    static func finished(_ client: any TestClientProtocol, id: Int, auth: HTTPFields) async throws -> [String: Any]? {
        for _ in 0..<600 {
            let job = try await client.execute(uri: "/api/v1/admin/jobs/\(id)", method: .get, headers: auth) { try client.json($0) }
            if let status = job["status"] as? String, ["succeeded", "failed", "cancelled"].contains(status) { return job }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    @Test func anImportFromTheInboxAndAnAuditRunInsideTheServer() async throws {
        let world = try await TestWorld()
        var dependencies = world.dependencies
        dependencies.dataFolder = world.folder
        let inbox = world.folder + "/inbox/county-2026-10"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let newcomer = IDNumber(region: "370102", birthDate: CivilDate(year: 1961, month: 5, day: 4)!, sequence: 21)
        try "id_number,name,sex,birth_date,region_code\n\(newcomer.value),赵六,male,1961-05-04,370102\n"
            .write(toFile: inbox + "/person.csv", atomically: true, encoding: .utf8)
        let token = try await world.token("nation.admin", scopes: ["read", "admin"])
        let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        let ledgerBefore = world.trail.size
        let runsBefore = try await world.database.auditRunCount()
        let app = Application(router: try await buildRouter(configuration: world.configuration, dependencies: dependencies))
        try await app.test(.router) { client in
            let listed = try await client.execute(uri: "/api/v1/admin/jobs", method: .get, headers: auth) { try client.json($0) }
            #expect(listed["inbox"] as? [String] == ["county-2026-10"])

            var response = try await client.execute(
                uri: "/api/v1/admin/jobs", method: .post, headers: auth, body: try Self.json(["kind": "import", "folder": "county-2026-10"]))
            #expect(response.status == .accepted)
            let importID = try #require(try client.json(response)["id"] as? Int)
            #expect(response.headers[.location] == "/api/v1/admin/jobs/\(importID)")
            let imported = try #require(try await Self.finished(client, id: importID, auth: auth))
            #expect(imported["status"] as? String == "succeeded", "\(imported)")
            #expect((imported["message"] as? String)?.contains("1 行导入") == true)

            response = try await client.execute(
                uri: "/api/v1/admin/jobs", method: .post, headers: auth, body: try Self.json(["kind": "audit"]))
            #expect(response.status == .accepted)
            let auditID = try #require(try client.json(response)["id"] as? Int)
            let audited = try #require(try await Self.finished(client, id: auditID, auth: auth))
            #expect(audited["status"] as? String == "succeeded", "\(audited)")
            #expect((audited["message"] as? String)?.contains("稽核了 4 人") == true)
        }
        #expect(try await world.database.auditRunCount() == runsBefore + 1)
        #expect(try await world.database.timeline(for: newcomer) != nil)
        // The import batch, the new rule versions and findings, and the two job requests are in the ledger.
        #expect(world.trail.size > ledgerBefore + 2)
        let events = try await world.database.adminEvents(in: RegionScope(code: "000000")!)
        #expect(events.filter { $0.action.hasPrefix("job.") && $0.ledgerIndex != nil }.count == 2)
    }

    @Test func jobsAreForAdminsAndImportsOnlyReadTheInbox() async throws {
        let world = try await TestWorld()
        var dependencies = world.dependencies
        dependencies.dataFolder = world.folder
        try FileManager.default.createDirectory(atPath: world.folder + "/inbox", withIntermediateDirectories: true)
        let admin = try await world.token("nation.admin", scopes: ["read", "admin"])
        let supervisor = try await world.token("lixia.supervisor", scopes: ["read", "admin"])
        let auth: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]
        let app = Application(router: try await buildRouter(configuration: world.configuration, dependencies: dependencies))
        try await app.test(.router) { client in
            for folder in ["../keys", "/etc", "missing", ""] {
                let response = try await client.execute(
                    uri: "/api/v1/admin/jobs", method: .post, headers: auth, body: try Self.json(["kind": "import", "folder": folder]))
                #expect(response.status == .unprocessableContent)
                #expect(client.code(response) == "invalid_folder")
            }
            var response = try await client.execute(
                uri: "/api/v1/admin/jobs", method: .post, headers: auth, body: try Self.json(["kind": "reboot"]))
            #expect(response.status == .unprocessableContent)
            #expect(client.code(response) == "invalid_kind")
            response = try await client.execute(
                uri: "/api/v1/admin/jobs", method: .post, headers: [.authorization: "Bearer \(supervisor)", .contentType: "application/json"],
                body: try Self.json(["kind": "audit"]))
            #expect(response.status == .forbidden)
            response = try await client.execute(uri: "/api/v1/admin/jobs/12345", method: .get, headers: auth)
            #expect(response.status == .notFound)
            // The page form needs its CSRF token.
            let browser = try await client.signIn("nation.admin")
            response = try await client.execute(
                uri: "/admin/jobs", method: .post, headers: browser.formHeaders(), body: ByteBuffer(string: "kind=audit"))
            #expect(response.status == .forbidden)
        }
        #expect(try await world.database.jobs().isEmpty)
    }

    @Test func aServerThatStoppedMidJobMarksItFailedAtTheNextStart() async throws {
        let world = try await TestWorld()
        let (job, _) = try await world.database.enqueueJob(
            kind: .audit, argument: nil,
            event: AdminEventInput(at: TestWorld.start, actor: "user/nation.admin", action: "job.audit", subject: "job/audit", regionCode: "000000", payload: "{}"))
        try await world.database.updateJob(id: job.id, status: .running, message: nil, at: TestWorld.start)
        // While it runs, another is refused.
        await #expect(throws: WebStoreError.self) {
            try await world.database.enqueueJob(
                kind: .audit, argument: nil,
                event: AdminEventInput(at: TestWorld.start, actor: "user/nation.admin", action: "job.audit", subject: "job/audit", regionCode: "000000", payload: "{}"))
        }
        #expect(try await world.database.failInterruptedJobs(at: TestWorld.start) == 1)
        let failed = try #require(try await world.database.job(id: job.id))
        #expect(failed.status == .failed)
        #expect(failed.message?.contains("重新提交") == true)
    }
}
