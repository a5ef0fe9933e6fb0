public import Foundation
public import Storage

/// The delivery of one outbox item as a pure state machine: given the time, it says what to do
/// next; given an attempt's outcome, it says what follows. No I/O, no clock, no randomness of its
/// own (the jitter comes in as a number), so every path is tested exactly.
public struct DeliveryStateMachine: Sendable, Hashable {
    /// Where the item stands.
    public enum State: Sendable, Hashable {
        case pending(failures: Int, nextAttemptAt: Date)
        case delivered
        case dead
    }

    /// What the deliverer should do now.
    public enum Action: Sendable, Hashable {
        /// POST it.
        case sendNow
        /// Nothing until this time.
        case waitUntil(Date)
        /// Out of time: record it as a dead letter.
        case giveUp
        /// Delivered or dead: nothing more, ever.
        case none
    }

    public private(set) var state: State
    public let createdAt: Date
    public let policy: DeliveryPolicy

    public init(createdAt: Date, state: State, policy: DeliveryPolicy) {
        self.createdAt = createdAt
        self.state = state
        self.policy = policy
    }

    /// The machine of a stored item.
    public init(item: OutboxItem, policy: DeliveryPolicy) {
        let state: State
        switch item.status {
        case .pending: state = .pending(failures: item.attempts, nextAttemptAt: item.nextAttemptAt)
        case .delivered: state = .delivered
        case .dead: state = .dead
        }
        self.init(createdAt: item.createdAt, state: state, policy: policy)
    }

    /// What to do at `now`.
    public func nextAction(at now: Date) -> Action {
        switch state {
        case .delivered, .dead:
            return .none
        case .pending(_, let next):
            if now.timeIntervalSince(createdAt) >= policy.giveUpAfter { return .giveUp }
            return now >= next ? .sendNow : .waitUntil(next)
        }
    }

    /// The endpoint answered `status` at `now`. A 2xx delivers; anything else is a failure.
    /// `jitter` is a random number in [0, 1) that spreads the next wait.
    public mutating func received(status: Int, at now: Date, jitter: Double) -> OutboxAttempt.Next {
        if (200..<300).contains(status) {
            state = .delivered
            return .delivered
        }
        return failed(at: now, jitter: jitter)
    }

    /// The attempt failed without an answer (connection refused, timeout) at `now`.
    public mutating func failed(at now: Date, jitter: Double) -> OutboxAttempt.Next {
        guard case .pending(let failures, _) = state else {
            preconditionFailure("an attempt finished for an item that is no longer pending")
        }
        let spread = 1 - policy.jitter + 2 * policy.jitter * min(max(jitter, 0), 1)
        let next = now.addingTimeInterval(policy.delay(afterFailures: failures + 1) * spread)
        if next.timeIntervalSince(createdAt) >= policy.giveUpAfter {
            state = .dead
            return .deadLetter
        }
        state = .pending(failures: failures + 1, nextAttemptAt: next)
        return .retry(at: next)
    }

    /// Records giving up (after `nextAction` said so).
    public mutating func gaveUp() -> OutboxAttempt.Next {
        state = .dead
        return .deadLetter
    }
}
