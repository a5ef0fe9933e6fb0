import Dashboard
import Foundation
import FundWatchCore
import Storage
import Testing

@Suite struct DeliveryStateMachineTests {
    static let t0 = Date(timeIntervalSince1970: 1_772_668_800)
    static let policy = DeliveryPolicy(baseDelay: 30, multiplier: 2, maxDelay: 300, jitter: 0.2, giveUpAfter: 3600)

    @Test func failuresBackOffExponentiallyToTheCapThenGiveUp() {
        var m = DeliveryStateMachine(
            createdAt: Self.t0, state: .pending(failures: 0, nextAttemptAt: Self.t0), policy: Self.policy)
        #expect(m.nextAction(at: Self.t0) == .sendNow)
        var now = Self.t0
        var waits = [Double]()
        while true {
            // jitter 0.5 is the middle of the spread: exactly the policy's delay.
            let next = m.failed(at: now, jitter: 0.5)
            guard case .retry(let at) = next else {
                #expect(next == .deadLetter)
                break
            }
            waits.append(at.timeIntervalSince(now))
            #expect(m.nextAction(at: now) == .waitUntil(at))
            now = at
            #expect(m.nextAction(at: now) == .sendNow)
        }
        #expect(waits == [30, 60, 120, 240, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300])
        #expect(m.state == .dead)
        #expect(m.nextAction(at: now) == .none)
    }

    @Test func jitterSpreadsTheWaitWithinItsBand() {
        for jitter in [0.0, 0.25, 0.999] {
            var m = DeliveryStateMachine(
                createdAt: Self.t0, state: .pending(failures: 2, nextAttemptAt: Self.t0), policy: Self.policy)
            guard case .retry(let at) = m.failed(at: Self.t0, jitter: jitter) else { Issue.record("no retry"); return }
            let wait = at.timeIntervalSince(Self.t0)
            #expect(wait >= 120 * 0.8 && wait < 120 * 1.2)
            #expect(abs(wait - 120 * (0.8 + 0.4 * jitter)) < 1e-6)  // Date keeps about 0.1 µs here
        }
    }

    @Test func aTwoHundredDeliversAndOtherStatusesRetry() {
        var m = DeliveryStateMachine(
            createdAt: Self.t0, state: .pending(failures: 0, nextAttemptAt: Self.t0), policy: Self.policy)
        #expect(m.received(status: 503, at: Self.t0, jitter: 0.5) == .retry(at: Self.t0.addingTimeInterval(30)))
        #expect(m.received(status: 204, at: Self.t0.addingTimeInterval(30), jitter: 0.5) == .delivered)
        #expect(m.state == .delivered)
        #expect(m.nextAction(at: Self.t0.addingTimeInterval(99_999)) == .none)
        // An item due after its deadline is given up without sending.
        let old = DeliveryStateMachine(
            createdAt: Self.t0, state: .pending(failures: 3, nextAttemptAt: Self.t0), policy: Self.policy)
        #expect(old.nextAction(at: Self.t0.addingTimeInterval(3600)) == .giveUp)
    }
}

/// A transport that answers from a script and keeps what it was sent.
actor ScriptedTransport: WebhookTransport {
    struct Sent: Sendable {
        var url: URL
        var headers: [String: String]
        var body: Data
    }

    enum Answer: Sendable {
        case status(Int)
        case failure
    }

    private var answers: [Answer]
    private(set) var sent: [Sent] = []

    init(_ answers: [Answer]) { self.answers = answers }

    nonisolated func post(url: URL, headers: [String: String], body: Data) async throws -> Int {
        try await answer(Sent(url: url, headers: headers, body: body))
    }

    private func answer(_ request: Sent) throws -> Int {
        sent.append(request)
        let next = answers.isEmpty ? .status(200) : answers.removeFirst()
        switch next {
        case .status(let code): return code
        case .failure: throw URLError(.cannotConnectToHost)
        }
    }
}

@Suite struct NotificationDelivererTests {
    static let secret = Data("0123456789abcdef0123456789abcdef".utf8)

    static func setUp(_ answers: [ScriptedTransport.Answer], policy: DeliveryPolicy = DeliveryPolicy())
        async throws -> (FundWatchDatabase, NotificationDeliverer, ScriptedTransport, TestClock, Int64)
    {
        let db = try FundWatchDatabase.inMemory()
        let clock = TestClock()
        let endpoint = try WebhookEndpoint(
            name: "gateway", url: URL(string: "https://gw.example/alerts")!, secret: secret)
        let alert = LiveAlert(
            findingID: 42, ruleID: "pension_after_death", severity: "red", kind: "fraud", regionCode: "370102",
            idNumber: "370102195001011234", explanation: "张三 死亡后仍领取养老金", personName: "张三", amountAtRisk: 100_00,
            riskScore: 80, catalog: Fixtures.catalog)
        #expect(try await NotificationOutbox(database: db, endpoints: [endpoint]).enqueue(alert, at: clock.now()) == 1)
        let transport = ScriptedTransport(answers)
        let deliverer = NotificationDeliverer(
            database: db, endpoints: [endpoint], transport: transport, policy: policy, clock: clock,
            random: SeededRandom(seed: 1))
        let id = try #require(try await db.dueNotifications(at: clock.now()).first?.id)
        return (db, deliverer, transport, clock, id)
    }

    @Test func retriesUntilATwoHundredWithSignedMaskedBodies() async throws {
        let (db, deliverer, transport, clock, id) = try await Self.setUp([.failure, .status(500), .status(200)])
        #expect(try await deliverer.deliverDue() == .init(delivered: 0, retried: 1, deadLetters: 0))
        // Not due yet: nothing sent.
        #expect(try await deliverer.deliverDue() == .init())
        var rounds = 0
        while try await db.notifications(status: .delivered).isEmpty && rounds < 10 {
            clock.advance(3600)
            try await deliverer.deliverDue()
            rounds += 1
        }
        #expect(try await db.attemptCount(itemID: id) == 3)
        let done = try #require(try await db.notifications(status: .delivered).first)
        #expect(done.attempts == 3 && done.lastError == nil)
        let sent = await transport.sent
        #expect(sent.count == 3)
        for request in sent {
            let timestamp = try #require(request.headers[WebhookSigner.timestampHeader])
            let signature = try #require(request.headers[WebhookSigner.signatureHeader])
            #expect(signature.hasPrefix("sha256=") && signature.count == 7 + 64)
            #expect(
                WebhookSigner.verify(
                    signature: signature, body: request.body, timestamp: timestamp, secret: Self.secret))
            #expect(
                !WebhookSigner.verify(
                    signature: signature, body: request.body + Data("x".utf8), timestamp: timestamp, secret: Self.secret
                ))
            #expect(request.headers[WebhookSigner.deliveryHeader] == String(id))
            let body = String(decoding: request.body, as: UTF8.self)
            #expect(body.contains("370102********1234") && !body.contains("370102195001011234"))
            #expect(body.contains("张*") && !body.contains("张三"))
        }
    }

    @Test func anItemNeverAnsweredBecomesAVisibleDeadLetter() async throws {
        let policy = DeliveryPolicy(baseDelay: 60, maxDelay: 600, giveUpAfter: 1800)
        let (db, deliverer, _, clock, id) = try await Self.setUp(
            Array(repeating: .status(502), count: 50), policy: policy)
        for _ in 0..<40 {
            try await deliverer.deliverDue()
            clock.advance(120)
        }
        let dead = try await db.notifications(status: .dead)
        #expect(dead.map(\.id) == [id])
        #expect(dead[0].lastError == "HTTP 502")
        #expect(try await db.notifications(status: .pending).isEmpty)
        let attempts = try await db.attemptCount(itemID: id)
        #expect(attempts >= 4 && attempts < 30)
    }

    @Test func aBadEndpointIsRefusedWithItsName() {
        #expect(throws: DashboardError.self) {
            try WebhookEndpoint(name: "sms", url: URL(string: "ftp://x.example/")!, secret: Self.secret)
        }
        let error = try? #require(throws: DashboardError.self) {
            try WebhookEndpoint(name: "sms", url: URL(string: "https://x.example/")!, secret: Data("short".utf8))
        }
        #expect(error?.message.contains("'sms'") == true)
    }
}
