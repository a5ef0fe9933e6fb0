public import Foundation
public import Storage

/// Queues each new alert once per configured webhook endpoint in the store's outbox, from where
/// a `NotificationDeliverer` sends it.
public struct NotificationOutbox: Sendable {
    private let database: FundWatchDatabase
    public let endpoints: [WebhookEndpoint]

    public init(database: FundWatchDatabase, endpoints: [WebhookEndpoint]) {
        self.database = database
        self.endpoints = endpoints
    }

    /// Queues the alert (its masked JSON) for every endpoint; returns how many items were new.
    @discardableResult
    public func enqueue(_ alert: LiveAlert, at now: Date) async throws -> Int {
        guard !endpoints.isEmpty else { return 0 }
        let body = String(decoding: try alert.json(), as: UTF8.self)
        return try await database.enqueueNotification(
            findingID: alert.findingID, payloads: endpoints.map { ($0.name, body) }, at: now)
    }
}
