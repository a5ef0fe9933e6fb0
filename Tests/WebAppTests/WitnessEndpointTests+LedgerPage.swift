import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore
import Storage
import Testing
import WebApp

extension WitnessEndpointTests {
    @Test func theLedgerPageShowsTheCosignaturesAndWhetherTheQuorumIsMet() async throws {
        let probe = try await TestWorld()
        let origin = AuditTrail.defaultOrigin
        var first = Department(name: "mof.example/witness", logKey: try Self.logKey(probe), origin: origin)
        var second = Department(name: "mca.example/witness", logKey: try Self.logKey(probe), origin: origin)
        let (world, dependencies) = try await Self.world(witnesses: [first, second], quorum: 2)
        first.state = WitnessState(logs: [origin: .init(verifierKeys: [try Self.logKey(world)])])
        second.state = first.state
        let body = try await Self.fetch(world, dependencies, old: 0)
        let firstNote = try first.cosign(body)
        let secondNote = try second.cosign(body)
        let size = world.trail.size
        try await Self.test(world, dependencies) { client in
            let browser = try await client.signIn("jinan.leader")
            func page() async throws -> String {
                try await client.execute(uri: "/ledger-view", method: .get, headers: browser.headers) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
            }
            var html = try await page()
            #expect(html.contains("dept0、dept1"))
            #expect(html.contains("法定见证数 2"))
            #expect(html.contains("尚无见证方提交联署"))

            // One of two: the checkpoint is cosigned but the quorum is not met.
            try await client.execute(uri: "/ledger/witness/cosignature", method: .post, body: ByteBuffer(string: firstNote)) {
                #expect($0.status == .ok)
            }
            html = try await page()
            #expect(html.contains("最近一个有联署的检查点：\(size) 条"))
            #expect(html.contains("id=\"quorum-cosigned\">未达法定见证数"))
            #expect(html.contains("<td>dept0</td>"))
            #expect(!html.contains("<td>dept1</td>"))
            #expect(!html.contains("最近一个达到法定见证数的检查点"))

            // Both: met, for that checkpoint and (nothing recorded since) for the latest.
            try await client.execute(uri: "/ledger/witness/cosignature", method: .post, body: ByteBuffer(string: secondNote)) {
                #expect($0.status == .ok)
            }
            html = try await page()
            #expect(html.contains("id=\"quorum-cosigned\">已达法定见证数"))
            #expect(html.contains("id=\"quorum-latest\">已达法定见证数"))
            #expect(html.contains("<td>dept0</td>") && html.contains("<td>dept1</td>"))
            #expect(html.contains("最近一个达到法定见证数的检查点：\(size) 条"))
        }
        // A new entry: the latest checkpoint has no cosignature yet, the witnessed one stays.
        try world.trail.record(AuditTrail.Record(type: .note, actor: "test", subject: "n/later", payload: Data("later".utf8)))
        try await Self.test(world, dependencies) { client in
            let browser = try await client.signIn("jinan.leader")
            let html = try await client.execute(uri: "/ledger-view", method: .get, headers: browser.headers) {
                String(buffer: $0.body)
            }
            #expect(html.contains("id=\"quorum-latest\">尚未达到法定见证数"))
            #expect(html.contains("最近一个达到法定见证数的检查点：\(size) 条"))
        }
    }

    @Test func withoutAPolicyTheLedgerPageSaysHowToConfigureWitnesses() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let browser = try await client.signIn("jinan.leader")
            let html = try await client.execute(uri: "/ledger-view", method: .get, headers: browser.headers) {
                String(buffer: $0.body)
            }
            #expect(html.contains("未配置见证方"))
            #expect(html.contains("witness-policy.txt"))
        }
    }
}
