import Foundation
import FundWatchCore
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore
import Storage
import Testing
import WebApp
import ZIPFoundation

/// Documents (文书) issued from a case and its evidence pack (证据包), checked the way an outside
/// reader would: the document's bytes against the hash in the ledger, and every proof in the
/// unzipped pack against the signed checkpoint.
@Suite struct CaseDocumentsAndPackTests {
    /// Walks a case from its red alert to closure with a recovery paid in two instalments,
    /// issuing documents on the way; returns the case id and the issued documents' JSON.
    static func walk(
        _ world: TestWorld, _ t: CaseAPITests.Tokens, _ client: any TestClientProtocol
    ) async throws -> (String, [[String: Any]]) {
        let alert = try #require(world.alerts["370102.red"])
        let (_, opened) = try await CaseAPITests.post(client, "/api/v1/cases", t.auditor, #"{"alert_ids": [\#(alert)]}"#)
        let id = try #require(opened["id"] as? String)
        var version = 1
        func step(_ token: String, _ json: String) async throws {
            let (s, body) = try await CaseAPITests.post(
                client, "/api/v1/cases/\(id)/transitions", token, "{\(json), \"expected_version\": \(version)}")
            #expect(s == .ok, "\(json) → \(body)")
            version = try #require(body["version"] as? Int)
        }
        func issue(_ kind: String, expect: HTTPResponse.Status = .created) async throws -> [String: Any] {
            let (s, body) = try await CaseAPITests.post(client, "/api/v1/cases/\(id)/documents", t.auditor, #"{"kind": "\#(kind)"}"#)
            #expect(s == expect, "\(kind) → \(body)")
            let (_, current) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)", t.auditor)
            version = try #require((current["case"] as? [String: Any])?["version"] as? Int)
            return body
        }
        var issued = [[String: Any]]()
        // Too early for a notice: the case is still a clue.
        let early = try await issue("audit_notice", expect: .conflict)
        #expect((early["message"] as? String)?.contains("开始核查") == true)
        try await step(t.auditor, #""action": "start_verification""#)
        issued.append(try await issue("audit_notice"))
        let (ns, _) = try await CaseAPITests.post(
            client, "/api/v1/cases/\(id)/notes", t.auditor, #"{"title": "走访记录", "text": "家属称老人已于去年去世，身份证 \#(world.persons["370102"]!.value)"}"#)
        #expect(ns == .created)
        let (_, current) = try await CaseAPITests.get(client, "/api/v1/cases/\(id)", t.auditor)
        version = try #require((current["case"] as? [String: Any])?["version"] as? Int)
        try await step(t.reviewer, #""action": "file_case""#)
        try await step(t.supervisor, #""action": "decide", "outcome": "confirmed_fraud", "summary": "死亡后冒领养老金""#)
        let (ms, recovery) = try await CaseAPITests.post(
            client, "/api/v1/cases/\(id)/measures", t.auditor, #"{"command": "start_recovery", "owed": 300000}"#)
        #expect(ms == .ok)
        let recoveryID = try #require(recovery["measure_id"] as? Int)
        version = try #require(recovery["version"] as? Int)
        issued.append(try await issue("repayment_order"))
        // No freeze was ordered: no freeze notice.
        _ = try await issue("freeze_notice", expect: .conflict)
        try await step(t.auditor, #""action": "start_enforcement""#)
        for amount in [100_000, 200_000] {
            let (ps, paid) = try await CaseAPITests.post(
                client, "/api/v1/cases/\(id)/recoveries/\(recoveryID)/payments", t.auditor,
                #"{"amount": \#(amount), "received_on": "2026-10-01"}"#)
            #expect(ps == .created)
            version = try #require(paid["version"] as? Int)
        }
        try await step(t.reviewer, #""action": "close", "summary": "全额追回，结案""#)
        issued.append(try await issue("closing_report"))
        return (id, issued)
    }

    @Test func documentsAreNumberedPrintableAndInTheLedger() async throws {
        let world = try await TestWorld()
        let t = try await CaseAPITests.Tokens(world)
        try await world.test { client in
            let (id, issued) = try await Self.walk(world, t, client)
            #expect(issued.count == 3)
            let numbers = issued.compactMap { $0["number"] as? String }
            #expect(numbers == ["历下区人社稽通〔2026〕1号", "历下区人社责退〔2026〕1号", "历下区人社结案〔2026〕1号"])
            let order = try #require(issued.first { $0["kind"] as? String == "repayment_order" })
            let url = try #require(order["url"] as? String)
            let html = try await client.execute(uri: url, method: .get, headers: CaseAPITests.bearer(t.auditor)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                return Array(response.body.readableBytesView)
            }
            // The bytes served are the bytes whose hash the ledger holds.
            let sha = AuditTrail.sha256Hex(html)
            #expect(order["sha256"] as? String == sha)
            let entry = try LedgerEntry(canonicalJSON: try world.trail.entry(at: UInt64(try #require(order["ledger_index"] as? Int))))
            #expect(entry.type == .evidence && entry.payloadSHA256 == sha)
            let text = String(decoding: html, as: UTF8.self)
            #expect(text.contains("责令退回通知书"))
            #expect(text.contains("历下区人社责退〔2026〕1号"))
            #expect(text.contains("3,000.00") || text.contains("3000.00"))
            // The legal basis is the rule's own.
            #expect(text.contains("《社会保险法》第八十八条"))
            #expect(text.contains("document.css"))
            #expect(!text.contains(world.persons["370102"]!.value))
            try await client.execute(uri: "/cases/\(id)/documents/document.css", method: .get, headers: CaseAPITests.bearer(t.auditor)) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body).contains("@page"))
            }
            // Another county cannot read the document.
            try await client.execute(uri: url, method: .get, headers: CaseAPITests.bearer(t.shizhong)) { #expect($0.status == .notFound) }
            // A leader reads cases but issues nothing; an unknown kind is refused with the list.
            let (ls, _) = try await CaseAPITests.post(client, "/api/v1/cases/\(id)/documents", t.cityLeader, #"{"kind": "closing_report"}"#)
            #expect(ls == .forbidden)
            let (us, unknown) = try await CaseAPITests.post(client, "/api/v1/cases/\(id)/documents", t.auditor, #"{"kind": "memo"}"#)
            #expect(us == .badRequest)
            #expect((unknown["message"] as? String)?.contains("repayment_order") == true)
        }
    }

    @Test func theEvidencePackProvesEveryItemAgainstTheCheckpoint() async throws {
        let world = try await TestWorld()
        let t = try await CaseAPITests.Tokens(world)
        // The red finding's payment, as a department delivered it: batch 7, line 42.
        try await world.database.writer.write { db in
            try db.execute(sql: "INSERT INTO import_batch (id, source, imported_at, row_count, rejected_count) VALUES (7, 'hrss', '2026-09-01T00:00:00Z', 1, 0)")
            try db.execute(
                sql: "INSERT INTO import_file (id, batch_id, record_kind, file_name, sha256, row_count, rejected_count, feed) VALUES (70, 7, 'benefit_payment', 'pay.csv', 'x', 1, 0, 'hrss_pension')")
            try db.execute(
                sql: "INSERT INTO benefit_payment (batch_id, file_id, line, payment_id, id_number, benefit, period, amount) VALUES (7, 70, 42, 'P-370102', ?, 'pension', '2026-08', 300000)",
                arguments: [world.persons["370102"]!.value])
        }
        // The rule version and the finding go into the ledger as an audit run puts them there.
        let red = try #require(try await world.database.findings().first { $0.id == world.alerts["370102.red"] })
        let ruleIndex = try world.trail.record(
            AuditTrail.Record(type: .ruleVersion, actor: "test", subject: "rule/pension_after_death/v1", payloadSHA256: String(repeating: "a", count: 64)))
        let findingIndex = try world.trail.record(
            AuditTrail.Record(type: .finding, actor: "test", subject: "finding/\(red.id)", payloadSHA256: red.payloadSHA256))
        try await world.database.markRecorded(
            ruleVersions: [(RuleVersionInput(ruleID: "pension_after_death", version: 1, sha256: String(repeating: "a", count: 64), status: "active", title: "死亡后继续领取养老金"), ruleIndex)],
            findings: [(red.id, findingIndex)])
        try await world.test { client in
            let (id, _) = try await Self.walk(world, t, client)
            let zip = try await client.execute(
                uri: "/api/v1/cases/\(id)/evidence-pack", method: .get, headers: CaseAPITests.bearer(t.auditor)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/zip")
                return Data(response.body.readableBytesView)
            }
            let archive = try Archive(data: zip, accessMode: .read)
            func read(_ name: String) throws -> Data {
                guard let entry = archive[name] else { throw MissingFromPack(name: name) }
                var out = Data()
                _ = try archive.extract(entry) { out.append($0) }
                return out
            }
            let manifest = try #require(try JSONSerialization.jsonObject(with: try read("manifest.json")) as? [String: Any])
            // The checkpoint is signed by the log, and every proof leads to its root.
            let note = try SignedNote(parsing: try #require(manifest["checkpoint"] as? String))
            #expect(try note.verify(with: [world.trail.verifier]).count == 1)
            let checkpoint = try Checkpoint(text: note.text)
            #expect(manifest["tree_size"] as? Int == Int(checkpoint.size))
            let items = try #require(manifest["items"] as? [[String: Any]])
            var proved = 0
            for item in items {
                let proof = try #require(item["proof"] as? [String: Any], "\(item["title"] ?? "")")
                let entryBytes = Array(try #require(proof["entry"] as? String).utf8)
                let leaf = RFC9162.leafHash(entryBytes)
                #expect(leaf.hex == proof["leaf_hash"] as? String)
                let hashes = try (try #require(proof["hashes"] as? [String])).map { try #require(MerkleHash(hex: $0)) }
                try MerkleVerifier.verifyInclusion(
                    index: UInt64(try #require(proof["index"] as? Int)), size: checkpoint.size, leafHash: leaf, proof: hashes,
                    root: checkpoint.root)
                // The entry holds the item's hash; a file in the pack hashes to it.
                let entry = try LedgerEntry(canonicalJSON: entryBytes)
                #expect(entry.payloadSHA256 == item["sha256"] as? String)
                if let file = item["file"] as? String {
                    #expect(AuditTrail.sha256Hex(try read(file)) == item["sha256"] as? String)
                }
                proved += 1
            }
            let kinds = Set(items.compactMap { $0["kind"] as? String })
            #expect(kinds == ["event", "evidence", "finding", "rule_version"])
            #expect(proved == items.count)
            // Every step of the case is there: open … two payments … close, and the three documents.
            #expect(items.filter { $0["kind"] as? String == "event" }.count >= 12)
            #expect(items.filter { ($0["file"] as? String)?.hasSuffix(".html") == true }.count == 3)

            let index = String(decoding: try read("index.html"), as: UTF8.self)
            #expect(index.contains("存证检查点"))
            #expect(index.contains(checkpoint.root.hex))
            #expect(index.contains("《社会保险基金行政监督办法》第三十二条"))
            #expect(index.contains("hrss_pension"))
            #expect(index.contains("<td>42</td>"))
            #expect(index.contains("待遇资格认证"))
            #expect(!index.contains(world.persons["370102"]!.value))
            #expect(try read("document.css").count > 100)

            // The same pack in the app, and nothing of it for another county.
            try await client.execute(uri: "/cases/\(id)/evidence-pack/index.html", method: .get, headers: CaseAPITests.bearer(t.auditor)) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body).contains("案件证据包"))
            }
            try await client.execute(uri: "/api/v1/cases/\(id)/evidence-pack", method: .get, headers: CaseAPITests.bearer(t.shizhong)) {
                #expect($0.status == .notFound)
            }
        }
    }
}

/// A file the evidence pack should hold and does not.
struct MissingFromPack: Error {
    let name: String
}
