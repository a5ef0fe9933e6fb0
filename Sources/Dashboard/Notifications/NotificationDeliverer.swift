import Foundation
public import Storage

/// Sends the outbox's due items: signs each body for its endpoint, POSTs it, and records the
/// attempt and what follows (delivered, retry at a backed-off time, or dead letter) as the
/// `DeliveryStateMachine` decides. Clock, randomness and transport are injected.
public actor NotificationDeliverer {
    /// What one pass did.
    public struct PassReport: Sendable, Hashable {
        public var delivered: Int
        public var retried: Int
        public var deadLetters: Int

        public init(delivered: Int = 0, retried: Int = 0, deadLetters: Int = 0) {
            self.delivered = delivered
            self.retried = retried
            self.deadLetters = deadLetters
        }
    }

    private let database: FundWatchDatabase
    private let endpoints: [String: WebhookEndpoint]
    private let transport: any WebhookTransport
    private let policy: DeliveryPolicy
    private let clock: any DashboardClock
    private var random: any RandomNumberGenerator
    private let pollInterval: Double

    public init(
        database: FundWatchDatabase, endpoints: [WebhookEndpoint], transport: any WebhookTransport,
        policy: DeliveryPolicy = DeliveryPolicy(), clock: any DashboardClock = SystemClock(),
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(), pollInterval: Double = 5
    ) {
        self.database = database
        self.endpoints = Dictionary(endpoints.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.transport = transport
        self.policy = policy
        self.clock = clock
        self.random = random
        self.pollInterval = pollInterval
    }

    /// Sends every item due now, one after another. An item for an endpoint no longer
    /// configured counts a failed attempt (delivered if the endpoint comes back, else dies of age).
    @discardableResult
    public func deliverDue(limit: Int = 100) async throws -> PassReport {
        var report = PassReport()
        for item in try await database.dueNotifications(at: clock.now(), limit: limit) {
            var machine = DeliveryStateMachine(item: item, policy: policy)
            let now = clock.now()
            switch machine.nextAction(at: now) {
            case .none, .waitUntil:
                continue
            case .giveUp:
                try await database.markDeadLetter(
                    itemID: item.id, at: now,
                    reason: item.lastError ?? "not delivered within \(Int(policy.giveUpAfter)) s")
                report.deadLetters += 1
                continue
            case .sendNow:
                break
            }
            let status: Int?
            let error: String?
            let next: OutboxAttempt.Next
            if let endpoint = endpoints[item.endpoint] {
                let body = Data(item.payload.utf8)
                let headers = WebhookSigner.headers(body: body, at: now, secret: endpoint.secret, deliveryID: item.id)
                do {
                    let code = try await transport.post(url: endpoint.url, headers: headers, body: body)
                    status = code
                    next = machine.received(status: code, at: clock.now(), jitter: jitter())
                    error = (200..<300).contains(code) ? nil : "HTTP \(code)"
                } catch let failure {
                    status = nil
                    error = String(describing: failure)
                    next = machine.failed(at: clock.now(), jitter: jitter())
                }
            } else {
                status = nil
                error = "endpoint '\(item.endpoint)' is not configured"
                next = machine.failed(at: now, jitter: jitter())
            }
            try await database.recordAttempt(
                itemID: item.id, OutboxAttempt(at: clock.now(), httpStatus: status, error: error, next: next))
            switch next {
            case .delivered: report.delivered += 1
            case .retry: report.retried += 1
            case .deadLetter: report.deadLetters += 1
            }
        }
        return report
    }

    /// Delivers every `pollInterval` seconds until the task is cancelled; a failed pass (the
    /// database busy) is tried again at the next tick.
    public func run(onError: @Sendable (any Error) -> Void = { _ in }) async {
        while !Task.isCancelled {
            do { try await deliverDue() } catch { onError(error) }
            do { try await clock.sleep(seconds: pollInterval) } catch { return }
        }
    }

    /// A uniform number in [0, 1) from the injected generator (53 random bits).
    private func jitter() -> Double { Double(random.next() >> 11) * 0x1p-53 }
}
