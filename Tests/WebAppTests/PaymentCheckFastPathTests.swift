import AuditRules
import Foundation
import FundWatchCore
import GRDB
import Ledger
import Storage
import Synchronization
import Testing
@testable import WebApp

/// The pre-payment check's hot path: its hand-written JSON must say what the encoders said,
/// its decisions from memory what the database says, and its ledger queue must lose nothing.
@Suite("Payment check: the hot path (hand-written JSON, checks from memory, the ledger queue)")
struct PaymentCheckFastPathTests {
    static let today = CivilDate(year: 2026, month: 9, day: 21)!

    static func decision(_ findings: [Finding]) throws -> PaymentDecision {
        let id = IDNumber(region: "370102", birthDate: CivilDate(year: 1950, month: 3, day: 1)!, sequence: 11)
        let payment = try PaymentCheckService.payment(
            fromJSON: Data(#"{"payment_id":"X","id_number":"\#(id.value)","benefit":"pension","period":"2026-06","amount":1}"#.utf8),
            today: today)
        return RuleEngine(rules: []).check(payment, timeline: nil).escalated(to: .block, adding: findings)
    }

    static let awkwardFindings: [Finding] = [
        Finding(
            ruleID: "pension_after_death", ruleVersion: 3, idNumber: "37010219500301001X", severity: .red,
            records: ["P-1", "P/2", "引号\"与\\反斜杠"], amountAtRisk: Money(fen: 300_000), score: 2.75,
            explanation: "张三丰 于 2026-01-10 死亡，\n\t2026-06 仍发放养老金 3000 元\u{1}\u{1f}\u{8}\u{c}\r — ☃ 😀 /slash/"),
        Finding(
            ruleID: "r2", ruleVersion: 1, idNumber: "", severity: .yellow, records: [], amountAtRisk: Money(fen: -5),
            score: 3, explanation: "", kind: .dataConflict),
        Finding(
            ruleID: "r3", ruleVersion: 12, idNumber: "1", severity: .orange, records: ["a"], amountAtRisk: Money(fen: 0),
            score: 0.1, explanation: "x"),
        Finding(
            ruleID: "r4", ruleVersion: 1, idNumber: "1", severity: .orange, records: ["a"], amountAtRisk: Money(fen: 0),
            score: 1e20, explanation: "y"),
    ]

    @Test func theCanonicalDecisionIsByteForByteWhatJSONEncoderWrites() throws {
        struct Payload: Encodable {
            let payment_id: String
            let action: String
            let findings: [Finding]
            let failures: [String]
        }
        var shadowed = Self.awkwardFindings
        shadowed[2].shadow = true
        for findings in [[], Self.awkwardFindings, shadowed] {
            let decision = try Self.decision(findings)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // The engine's decisions carry failures only when a rule errs; these have none.
            let expected = try encoder.encode(
                Payload(payment_id: "P-1 \"引\"", action: decision.action.rawValue, findings: decision.findings, failures: []))
            #expect(PaymentDecisionJSON.payload(decision, paymentID: "P-1 \"引\"") == Array(expected))
        }
    }

    @Test func theAnswerIsValidJSONWithTheMaskedExplanations() throws {
        let decision = try Self.decision(Self.awkwardFindings)
        let bytes = PaymentDecisionJSON.answer(
            decision, paymentID: "P-1", explanations: ["甲", "乙\"", "丙\n", "丁"], ledgerSubject: "payment/P-1",
            payloadSHA256: String(repeating: "ab", count: 32))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["action"] as? String == "block")
        #expect(object["payment_id"] as? String == "P-1")
        #expect(object["ledger_subject"] as? String == "payment/P-1")
        #expect(object["decision_sha256"] as? String == String(repeating: "ab", count: 32))
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["explanation"] as? String } == ["甲", "乙\"", "丙\n", "丁"])
        #expect(findings.map { $0["rule_id"] as? String } == ["pension_after_death", "r2", "r3", "r4"])
        #expect(findings.first?["amount_at_risk"] as? Int == 300_000)
        #expect(findings.first?["shadow"] as? Bool == false)
        // The same keys as the encoder's answer had, sorted.
        let text = String(decoding: bytes, as: UTF8.self)
        let keys = ["action", "decision_sha256", "failures", "findings", "ledger_subject", "payment_id"]
        let positions = keys.map { text.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test(arguments: [
        #"{"a":"x","b":12,"c":-3.5e+2,"d":null,"e":true,"f":false,"g":"\u5f20\"\\\/\n","h":"\ud83d\ude00"}"#,
        #"  {  "payment_id" : "P 1" , "amount" : 0 }  "#,
        #"{}"#,
        #"{"k":"张三丰","k":"last wins"}"#,
    ])
    func theRequestReaderAgreesWithJSONSerialization(_ text: String) throws {
        let fields = try FlatJSONObject.parse(Array(text.utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for (key, value) in object {
            if value is NSNull {
                #expect(fields[key] == nil)
            } else if let s = value as? String {
                #expect(fields[key] == s)
            } else {
                #expect(fields[key] != nil)
            }
        }
        #expect(Set(fields.keys).isSubset(of: Set(object.keys)))
    }

    @Test(arguments: [
        "", "[]", "{", #"{"a"}"#, #"{"a":}"#, #"{"a":1,}"#, #"{"a":01}"#, #"{"a":"x"} x"#, #"{"a":{"b":1}}"#,
        #"{"a":[1]}"#, #"{"a":"\ud800"}"#, #"{"a":"\q"}"#, "{\"a\":\"tab\there\"}", #"{"a":tru}"#, #"{"a":1.}"#,
    ])
    func theRequestReaderRefusesWhatIsNotAFlatObject(_ text: String) {
        #expect(throws: FlatJSONObject.ParseError.self) { try FlatJSONObject.parse(Array(text.utf8)) }
    }

    @Test func aNestedFieldIsNamedInTheError() {
        let error = #expect(throws: PaymentInputError.self) {
            try PaymentCheckService.payment(fromJSON: Data(#"{"payment_id":"P","amount":{"fen":1}}"#.utf8), today: Self.today)
        }
        #expect(error?.description.contains("\"amount\"") == true)
    }

    @Test func theMaskerWorksOnBytesAsItDidOnCharacters() {
        let masker = PersonalDataMasker()
        let tokens = PersonalTokens(names: ["张三", "张三丰"], accounts: ["6222001234567890"], phones: ["13800138000"])
        #expect(
            masker.mask("张三丰与张三，电话 13800138000，账户6222001234567890，证件 37010219500301001x；金额 1234567 元", tokens: tokens)
                == "张**与张*，电话 \(IDNumber.mask("13800138000"))，账户************7890，证件 \(IDNumber.mask("37010219500301001x"))；金额 1234567 元")
        // Record ids are long numbers but not personal data: only the tokens go.
        #expect(masker.maskTokens("P-20260612345678 张三丰", tokens: tokens) == "P-20260612345678 张**")
        #expect(PersonalDataMasker.maskNumbers("X12345678X 1234567") == "X\(BankAccount.mask("12345678"))X 1234567")
        #expect(masker.mask("", tokens: tokens).isEmpty)
    }

    @Test func theBearerTokenIsReadInAnyCaseWithoutSurroundingSpace() {
        #expect(AuthenticationMiddleware.bearerToken("Bearer fwt_abc") == "fwt_abc")
        #expect(AuthenticationMiddleware.bearerToken("bEaReR \t fwt_abc \t ") == "fwt_abc")
        #expect(AuthenticationMiddleware.bearerToken("Bearer ") == "")
        #expect(AuthenticationMiddleware.bearerToken("Basic dXNlcjpwdw==") == nil)
        #expect(AuthenticationMiddleware.bearerToken("Bearer") == nil)
        #expect(AuthenticationMiddleware.bearerToken("Bearerx abc") == nil)
    }

    // MARK: Checks from memory

    /// A monotonic clock tests move by hand.
    final class Ticker: Sendable {
        let base = ContinuousClock.now
        let offset = Mutex(Duration.zero)
        var now: ContinuousClock.Instant { base + offset.withLock { $0 } }
        func advance(_ d: Duration) { offset.withLock { $0 += d } }
    }

    static func payment(_ id: IDNumber, _ n: Int) throws -> BenefitPayment {
        let json = #"{"payment_id":"MEM-\#(n)","id_number":"\#(id.value)","benefit":"pension","period":"2026-06","amount":300000,"pay_date":"2026-06-20","region_code":"370102","bank_account":"62220012345678370102"}"#
        return try PaymentCheckService.payment(fromJSON: Data(json.utf8), today: today)
    }

    static func blacklist(_ id: IDNumber, in database: FundWatchDatabase) async throws {
        try await database.writer.writeWithoutTransaction { db in
            // The listing's case is beside the point here; the check reads the list alone.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(
                sql: """
                    INSERT INTO case_blacklist (case_id, subject_kind, subject_id, reason, start_date, end_date, created_at)
                    VALUES ('C-T', 'person', ?, '骗取养老金', '2026-01-01', '2029-12-31', '2026-09-21T00:00:00Z')
                    """, arguments: [id.value])
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }

    @Test func checksFromMemoryAgreeWithTheDatabaseAndSeeChangesAtTheNextVerification() async throws {
        let world = try await TestWorld()
        let id = try #require(world.persons["370102"])
        let ticker = Ticker()
        let population = PaymentPopulation(database: world.database)
        let service = PaymentCheckService(
            database: world.database, rules: world.dependencies.rules, population: population,
            recheckInterval: .milliseconds(250), clock: { ticker.now })
        let fromDatabase = PaymentCheckService(database: world.database, engine: world.dependencies.rules.engine)
        try await population.refresh()

        // Nothing verified yet: the first check verifies, then runs from memory.
        #expect(service.checkFromMemory(try Self.payment(id, 1)) == nil)
        let first = try await service.check(try Self.payment(id, 1))
        #expect(first.fromMemory)
        let direct = try await fromDatabase.check(try Self.payment(id, 1))
        #expect(first.decision.action == direct.decision.action)
        #expect(first.decision.findings == direct.decision.findings)
        #expect(service.regionFromMemory(of: id) == "370102")

        // Blacklisted and dead: within the interval the memory does not know yet …
        try await Self.blacklist(id, in: world.database)
        try await world.database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO death_record (batch_id, file_id, line, id_number, death_date, source) VALUES (0, 0, 1, ?, '2026-01-10', 'civil_affairs')",
                arguments: [id.value])
        }
        let stale = try #require(service.checkFromMemory(try Self.payment(id, 2)))
        #expect(!stale.decision.findings.contains { $0.ruleID == PaymentCheckService.blacklistRuleID })

        // … past it, the next check verifies: the records moved, so it reads the database while
        // the population is rebuilt (or, if the rebuild of this small world finished first, runs
        // on the rebuilt one): death and blacklist both seen either way.
        ticker.advance(.milliseconds(300))
        let moved = try await service.check(try Self.payment(id, 3))
        #expect(moved.decision.action == .block)
        #expect(moved.decision.findings.contains { $0.ruleID == "pension_after_death" })
        #expect(moved.decision.findings.contains { $0.ruleID == PaymentCheckService.blacklistRuleID })

        // Rebuilt and verified again: from memory, the same answer as the database gives.
        try await population.refresh()
        ticker.advance(.milliseconds(300))
        let again = try await service.check(try Self.payment(id, 4))
        #expect(again.fromMemory)
        let rows = try await fromDatabase.check(try Self.payment(id, 4))
        #expect(again.decision.action == rows.decision.action)
        #expect(again.decision.findings == rows.decision.findings)
        #expect(PersonalTokens(timeline: again.timeline).names.contains("张三丰"))
        #expect(PersonalTokens(timeline: again.timeline).accounts.contains("62220012345678370102"))
    }

    @Test func withoutARecheckIntervalEveryCheckReadsTheDatabase() async throws {
        let world = try await TestWorld()
        let id = try #require(world.persons["370102"])
        let population = PaymentPopulation(database: world.database)
        try await population.refresh()
        let service = PaymentCheckService(database: world.database, rules: world.dependencies.rules, population: population)
        let outcome = try await service.check(try Self.payment(id, 1))
        #expect(!outcome.fromMemory)
        #expect(service.checkFromMemory(try Self.payment(id, 2)) == nil)
    }

    // MARK: The ledger queue

    static func record(_ n: Int) -> AuditTrail.Record {
        AuditTrail.Record(type: .paymentCheck, actor: "test", subject: "payment/\(n)", payloadSHA256: String(repeating: "0", count: 64))
    }

    @Test func aFailedCommitIsRetriedUntilEveryRecordIsIn() async throws {
        let committed = Mutex<[String]>([])
        let failuresLeft = Mutex(3)
        let queue = LedgerCommitQueue(capacity: 100) { batch in
            try failuresLeft.withLock { left in
                if left > 0 {
                    left -= 1
                    throw CancellationError()
                }
            }
            return committed.withLock { c in
                let start = UInt64(c.count)
                c.append(contentsOf: batch.map(\.subject))
                return start..<UInt64(c.count)
            }
        }
        for n in 0..<50 { #expect(queue.enqueue(Self.record(n))) }
        #expect(await queue.flush(timeout: .seconds(20)) == 0)
        #expect(committed.withLock { $0 } == (0..<50).map { "payment/\($0)" })
        #expect(queue.committedCount == 50)
        #expect(failuresLeft.withLock { $0 } == 0)
    }

    @Test func aFullQueuePushesBackAndRefusesAfterWaiting() async throws {
        let open = Mutex(false)
        let queue = LedgerCommitQueue(capacity: 4) { batch in
            // A stuck disk: every commit fails until the test opens it.
            guard open.withLock({ $0 }) else { throw CancellationError() }
            return 0..<UInt64(batch.count)
        }
        for n in 0..<4 { #expect(queue.enqueue(Self.record(n))) }
        #expect(!queue.enqueue(Self.record(4)))
        await #expect(throws: LedgerCommitQueue.Full.self) {
            try await queue.enqueue(Self.record(4), waitingUpTo: .milliseconds(50))
        }
        #expect(queue.unrecorded == 4)
        #expect(await queue.flush(timeout: .milliseconds(20)) == 4)
        open.withLock { $0 = true }
        #expect(await queue.flush(timeout: .seconds(20)) == 0)
        try await queue.enqueue(Self.record(4), waitingUpTo: .seconds(1))
        #expect(await queue.flush(timeout: .seconds(20)) == 0)
        #expect(queue.committedCount == 5)
    }
}
