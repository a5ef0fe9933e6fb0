import GRDB
import NIOCore
import HTTPTypes
import Foundation
import FundWatchCore
import Hummingbird
import HummingbirdTesting
import Ledger
import Storage
import Synchronization
import Testing
import WebApp

@Suite("Person 360°, masking and the pre-payment check")
struct PersonAndPaymentTests {
    @Test func personalDataIsMaskedByDefault() async throws {
        let world = try await TestWorld()
        let id = try #require(world.persons["370102"])
        let token = try await world.token("lixia.auditor")
        try await world.test { client in
            try await client.execute(uri: "/api/v1/persons/\(id.value)", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(!text.contains("张三丰"))
                #expect(!text.contains(id.value))
                #expect(!text.contains("62220012345678370102"))
                let body = try client.json(response)
                #expect(body["name"] as? String == "张**")
                #expect(body["id_number"] as? String == id.masked)
                #expect(body["revealed"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v1/alerts", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                let text = String(buffer: response.body)
                #expect(!text.contains("张三丰"))
                #expect(!text.contains(id.value))
                #expect(!text.contains("62220012345678370102"))
                #expect(text.contains("张**"))
            }
            let browser = try await client.signIn("lixia.auditor")
            for path in ["/alerts", "/alerts/\(world.alerts["370102.red"]!)"] {
                try await client.execute(uri: path, method: .get, headers: browser.headers) { response in
                    let html = String(buffer: response.body)
                    #expect(!html.contains("张三丰"), "\(path)")
                    #expect(!html.contains(id.value), "\(path)")
                }
            }
        }
        // Masked views are in the access log, never in the ledger as reveals.
        let accesses = try await world.database.accesses(to: id)
        #expect(accesses.map(\.revealed) == [false])
    }

    @Test func unmaskingIsForAllowedRolesAndGoesIntoTheLedger() async throws {
        let world = try await TestWorld()
        let id = try #require(world.persons["370102"])
        let withoutScope = try await world.token("lixia.auditor")
        let withScope = try await world.token("lixia.reviewer", scopes: ["read", "persons:reveal"])
        let before = world.trail.size
        try await world.test { client in
            try await client.execute(
                uri: "/api/v1/persons/\(id.value)?reveal=true", method: .get, headers: [.authorization: "Bearer \(withoutScope)"]
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/persons/\(id.value)?reveal=true", method: .get, headers: [.authorization: "Bearer \(withScope)"]
            ) { response in
                #expect(response.status == .ok)
                let body = try client.json(response)
                #expect(body["name"] as? String == "张三丰")
                #expect(body["id_number"] as? String == id.value)
            }
            // The page: a CSRF-protected form, only offered to roles that may unmask.
            let reviewer = try await client.signIn("lixia.reviewer")
            let ref = try await client.execute(uri: "/alerts/\(world.alerts["370102.red"]!)", method: .get, headers: reviewer.headers) { response in
                let html = String(buffer: response.body)
                let start = try #require(html.range(of: "href=\"/persons/")).upperBound
                return String(html[start...].prefix { $0 != "\"" })
            }
            try await client.execute(uri: "/persons/\(ref)", method: .get, headers: reviewer.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("显示明文"))
                #expect(html.contains("张**"))
            }
            try await client.execute(
                uri: "/persons/\(ref)/reveal", method: .post, headers: reviewer.formHeaders(), body: ByteBuffer(string: "_csrf=nope")
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/persons/\(ref)/reveal", method: .post, headers: reviewer.formHeaders(),
                body: ByteBuffer(string: "_csrf=\(reviewer.csrf)")
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("张三丰"))
            }
        }
        // Two reveals: two data_access entries whose subject is the access-log row, not the ID number.
        #expect(world.trail.size == before + 2)
        for index in before..<world.trail.size {
            let entry = try LedgerEntry(canonicalJSON: try world.trail.entry(at: index))
            #expect(entry.type == .dataAccess)
            #expect(entry.subject.hasPrefix("access_log/"))
            #expect(entry.actor == "user/lixia.reviewer")
        }
        #expect(try await world.database.accesses(to: id).filter(\.revealed).count == 2)
    }

    @Test func theMaskerHidesNamesAccountsAndIDNumbers() {
        let masker = PersonalDataMasker()
        let text = masker.mask(
            "张三丰 账户 6222001234567890 身份证 37010219500301001X 金额 3000 元",
            tokens: PersonalTokens(names: ["张三丰"], accounts: ["6222001234567890"]))
        #expect(text == "张** 账户 ************7890 身份证 \(IDNumber.mask("37010219500301001X")) 金额 3000 元")
    }

    @Test func thePrePaymentCheckDecidesAndRecordsInTheLedger() async throws {
        let world = try await TestWorld()
        let id = try #require(world.persons["370102"])
        let token = try await world.token("lixia.auditor", scopes: ["read", "payments:check"])
        let readOnly = try await world.token("lixia.auditor2", scopes: ["read"])
        let foreign = try await world.token("shizhong.auditor", scopes: ["read", "payments:check"])
        try await world.database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO death_record (batch_id, file_id, line, id_number, death_date, source) VALUES (0, 0, 1, ?, '2026-01-10', 'civil_affairs')",
                arguments: [id.value])
        }
        let payment = #"{"payment_id":"P-1","id_number":"\#(id.value)","benefit":"pension","period":"2026-06","amount":300000,"region_code":"370102","bank_account":"62220012345678370102"}"#
        let before = world.trail.size
        let receipt = Mutex<String?>(nil)
        try await world.test { client in
            try await client.execute(
                uri: "/api/v1/payments/check", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: payment)
            ) { response in
                #expect(response.status == .ok)
                let body = try client.json(response)
                #expect(body["action"] as? String == "block")
                let findings = try #require(body["findings"] as? [[String: Any]])
                #expect(findings.contains { $0["rule_id"] as? String == "pension_after_death" })
                #expect(body["ledger_subject"] as? String == "payment/P-1")
                receipt.withLock { $0 = body["decision_sha256"] as? String }
                let text = String(buffer: response.body)
                #expect(!text.contains("张三丰"))
                #expect(!text.contains("62220012345678370102"))
            }
            try await client.execute(
                uri: "/api/v1/payments/check", method: .post,
                headers: [.authorization: "Bearer \(readOnly)", .contentType: "application/json"], body: ByteBuffer(string: payment)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/payments/check", method: .post,
                headers: [.authorization: "Bearer \(foreign)", .contentType: "application/json"], body: ByteBuffer(string: payment)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/payments/check", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"payment_id":"P-2","benefit":"pension"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(client.code(response) == "invalid_payment")
            }
        }
        #expect(world.trail.size == before + 1)
        let entry = try LedgerEntry(canonicalJSON: try world.trail.entry(at: before))
        #expect(entry.type == .paymentCheck)
        #expect(entry.subject == "payment/P-1")
        // The answer's receipt names the entry: its payload hash is the decision's.
        #expect(receipt.withLock { $0 } == entry.payloadSHA256)
    }
}
