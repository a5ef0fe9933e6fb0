import Dispatch
import Foundation
import Storage

/// Records ledger entries for concurrent requests in shared group commits.
///
/// `AuditTrail.record` makes its entries durable (a write and a flush) before it returns, a few
/// milliseconds each; one flush per pre-payment check caps the API at the disk's flush rate and
/// blocks a server thread while it waits. Here the entries of the requests that arrive while one
/// commit is flushing wait together for the next, on a thread of their own, so a request still
/// gets its answer only once its entry is durable, but a thousand requests share a few flushes.
final class LedgerCommitQueue: @unchecked Sendable {
    private typealias Waiter = (record: AuditTrail.Record, continuation: CheckedContinuation<UInt64, any Error>)

    private let trail: AuditTrail
    private let queue = DispatchQueue(label: "fundwatch.web.ledger-commit")
    private let lock = NSLock()
    private var pending: [Waiter] = []
    private var committing = false

    init(trail: AuditTrail) {
        self.trail = trail
    }

    /// Appends `record` in the next group commit and returns its index once it is durable.
    func record(_ record: AuditTrail.Record) async throws -> UInt64 {
        try await withCheckedThrowingContinuation { continuation in
            let start = lock.withLock { () -> Bool in
                pending.append((record, continuation))
                if committing { return false }
                committing = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
    }

    /// Commits what is pending, batch after batch, until nothing is.
    private func drain() {
        while true {
            let batch = lock.withLock { () -> [Waiter] in
                let batch = pending
                pending = []
                if batch.isEmpty { committing = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                let range = try trail.record(batch.map(\.record))
                for (offset, waiter) in batch.enumerated() {
                    waiter.continuation.resume(returning: range.lowerBound + UInt64(offset))
                }
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: error) }
            }
        }
    }
}
