import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore
import Storage
import Synchronization
import Testing
@testable import WebApp

/// A payment check's answer leads to its ledger entry by subject, within the caller's region; the
/// cockpit page's content is rendered once per snapshot and follows new findings and cases.
@Suite("Ledger look-up by subject, cockpit page cache")
struct LedgerSubjectAndCockpitPageTests {
    @Test func aPaymentDecisionIsFoundBySubjectWithItsProofWithinTheCallersRegion() async throws {
        let world = try await TestWorld()
        let id = try #require(world.persons["370102"])
        let checker = try await world.token("lixia.auditor", scopes: ["read", "payments:check"])
        let city = try await world.token("jinan.leader")
        let otherCounty = try await world.token("shizhong.auditor")
        let payment = #"{"payment_id":"P-9","id_number":"\#(id.value)","benefit":"pension","period":"2026-06","amount":300000,"region_code":"370102"}"#
        let before = world.trail.size
        let receipt = Mutex<String?>(nil)
        try await world.test { client in
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/api/v1/payments/check", method: .post,
                    headers: [.authorization: "Bearer \(checker)", .contentType: "application/json"], body: ByteBuffer(string: payment)
                ) { response in
                    #expect(response.status == .ok)
                    let body = try client.json(response)
                    #expect(body["ledger_subject"] as? String == "payment/P-9")
                    receipt.withLock { $0 = body["decision_sha256"] as? String }
                }
            }
            // Both checks are durable (and indexed) once the queue has committed them.
            #expect(await world.dependencies.finishLedgerRecords(timeout: .seconds(10)) == 0)
            for token in [checker, city] {
                try await client.execute(
                    uri: "/api/v1/ledger/entries?subject=payment/P-9", method: .get, headers: [.authorization: "Bearer \(token)"]
                ) { response in
                    #expect(response.status == .ok)
                    let body = try client.json(response)
                    #expect(body["subject"] as? String == "payment/P-9")
                    let entries = try #require(body["entries"] as? [[String: Any]])
                    // Newest first: the second check, then the first.
                    #expect(entries.compactMap { $0["index"] as? Int } == [Int(before) + 1, Int(before)])
                    for entry in entries {
                        let text = try #require(entry["entry"] as? String)
                        let parsed = try LedgerEntry(canonicalJSON: Array(text.utf8))
                        #expect(parsed.subject == "payment/P-9")
                        #expect(parsed.payloadSHA256 == receipt.withLock { $0 })
                        // The proof leads from the entry's leaf to the root it names.
                        let index = try #require(entry["index"] as? Int)
                        let size = try #require(entry["tree_size"] as? Int)
                        let proof = try #require(entry["proof"] as? [String]).map { try #require(MerkleHash(hex: $0)) }
                        let root = try MerkleVerifier.rootFromInclusion(
                            index: UInt64(index), size: UInt64(size), leafHash: RFC9162.leafHash(Array(text.utf8)), proof: proof)
                        #expect(root.hex == entry["computed_root"] as? String)
                        #expect(Array(text.utf8) == (try world.trail.entry(at: UInt64(index))))
                    }
                }
            }
            // Another county's user is told nothing exists; so is anyone asking for a subject never recorded.
            try await client.execute(
                uri: "/api/v1/ledger/entries?subject=payment/P-9", method: .get, headers: [.authorization: "Bearer \(otherCounty)"]
            ) { #expect($0.status == .notFound) }
            try await client.execute(
                uri: "/api/v1/ledger/entries?subject=payment/NONE", method: .get, headers: [.authorization: "Bearer \(checker)"]
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/ledger/entries", method: .get, headers: [.authorization: "Bearer \(checker)"]) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/ledger/entries?subject=payment/P-9", method: .get) {
                #expect($0.status == .unauthorized)
            }
            // The ledger page finds the newest entry and names the older one.
            let browser = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/ledger-view?subject=payment%2FP-9", method: .get, headers: browser.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("data-index=\"\(before + 1)\""))
                #expect(html.contains("/ledger-view?index=\(before)"))
                #expect(html.contains("browser-verify"))
            }
            let foreign = try await client.signIn("shizhong.auditor")
            try await client.execute(uri: "/ledger-view?subject=payment%2FP-9", method: .get, headers: foreign.headers) { response in
                let html = String(buffer: response.body)
                #expect(!html.contains("browser-verify"))
                #expect(html.contains("本辖区的存证日志中没有主题为 payment/P-9 的条目"))
            }
        }
    }

    /// `fundwatch check-payment` records its decision itself: it is found by subject within the
    /// payee's region as the API's decisions are, and nowhere else.
    @Test func aDecisionRecordedDirectlyIsIndexedBySubjectInItsRegion() async throws {
        let world = try await TestWorld()
        let id = try #require(world.persons["370103"])
        let payment = try PaymentCheckFastPathTests.payment(id, 7)
        let service = PaymentCheckService(database: world.database, engine: world.dependencies.rules.engine)
        let outcome = try await service.check(payment)
        let index = try PaymentCheckService.record(
            outcome.decision, payment: payment, region: "370103", actor: "test", trail: world.trail,
            indexingIn: world.database)
        #expect(index == world.trail.size - 1)
        let subject = PaymentCheckService.ledgerSubject(of: payment)
        for region in ["370103", "370100", "370000", "000000"] {
            let scope = try #require(RegionScope(code: region))
            #expect(try await world.database.ledgerEntries(subject: subject, in: scope) == [index])
        }
        let otherCounty = try #require(RegionScope(code: "370102"))
        #expect(try await world.database.ledgerEntries(subject: subject, in: otherCounty).isEmpty)
        let entry = try LedgerEntry(canonicalJSON: try world.trail.entry(at: index))
        #expect(entry.subject == subject)
    }

    @Test func theCockpitPageIsRenderedOncePerSnapshotAndFollowsNewFindings() async throws {
        let world = try await TestWorld()
        let source = try #require(world.dependencies.cockpit as? RollupCockpitSource)
        let scope = try #require(RegionScope(code: "370100"))
        let renders = Mutex(0)
        let render: @Sendable (CockpitData) throws -> String = { data in
            renders.withLock { $0 += 1 }
            return "findings \(data.totalFindings)"
        }
        #expect(try await source.cockpitPage(for: scope, variant: "37|a", render: render) == "findings 4")
        #expect(try await source.cockpitPage(for: scope, variant: "37|a", render: render) == "findings 4")
        #expect(renders.withLock { $0 } == 1)
        // Another caller level or case version is another variant.
        #expect(try await source.cockpitPage(for: scope, variant: "3701|a", render: render) == "findings 4")
        #expect(renders.withLock { $0 } == 2)

        let person = try #require(world.persons["370103"])
        try await world.storeCustodyAudit([
            TestWorld.custodyFinding(idNumber: person.value, regionCode: "370103", record: "C-1", payload: "cache")
        ])
        world.clock.advance(5)
        #expect(try await source.cockpitPage(for: scope, variant: "37|a", render: render) == "findings 5")
        #expect(renders.withLock { $0 } == 3)
    }

    @Test func theCachedCockpitPageShowsWhatRenderingItAfreshShows() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let leader = try await client.signIn("jinan.leader")
            var pages = [String]()
            for _ in 0..<2 {
                pages.append(
                    try await client.execute(uri: "/cockpit/370102", method: .get, headers: leader.headers) { response in
                        #expect(response.status == .ok)
                        return String(buffer: response.body)
                    })
            }
            #expect(pages[0] == pages[1])
            let html = pages[0]
            #expect(!html.contains("<a href=\"/cockpit/370000\">"))
            // The layout is the caller's (their name and CSRF token), the content the region's.
            #expect(html.contains(leader.csrf))
            #expect(html.contains("驾驶舱 · "))
            #expect(html.contains("<a href=\"/cockpit/370100\">"))
            // A nation user's breadcrumbs start higher: another variant, not the leader's content.
            let nation = try await client.signIn("nation.leader")
            try await client.execute(uri: "/cockpit/370102", method: .get, headers: nation.headers) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<a href=\"/cockpit/370000\">"))
                #expect(!page.contains(leader.csrf))
            }
        }
    }
}
