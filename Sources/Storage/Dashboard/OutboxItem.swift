public import Foundation

/// One notification waiting for (or done with) delivery to one webhook endpoint.
public struct OutboxItem: Sendable, Hashable {
    /// Where an item stands.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Not delivered yet; tried again at `nextAttemptAt`.
        case pending
        /// An endpoint answered 2xx.
        case delivered
        /// Given up on (a dead letter): kept, visible, never retried by itself.
        case dead
    }

    public var id: Int64
    public var findingID: Int64
    /// The endpoint's configured name.
    public var endpoint: String
    /// The JSON body to POST (personal data already masked).
    public var payload: String
    public var createdAt: Date
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    /// When it was delivered or given up on.
    public var finishedAt: Date?
}

/// What one delivery attempt ended in, as the outbox records it.
public struct OutboxAttempt: Sendable, Hashable {
    /// The outcome and what follows from it.
    public enum Next: Sendable, Hashable {
        /// A 2xx: done.
        case delivered
        /// Failed: try again at this time.
        case retry(at: Date)
        /// Failed and out of time: a dead letter.
        case deadLetter
    }

    public var at: Date
    /// The HTTP status, if the endpoint answered.
    public var httpStatus: Int?
    /// Why it failed (transport error, or the status), nil on success.
    public var error: String?
    public var next: Next

    public init(at: Date, httpStatus: Int?, error: String?, next: Next) {
        self.at = at
        self.httpStatus = httpStatus
        self.error = error
        self.next = next
    }
}
