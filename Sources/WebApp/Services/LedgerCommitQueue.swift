import Dispatch
import Foundation
import Storage

/// Records the pre-payment check's decisions in the ledger in shared group commits, without
/// making the caller wait for the disk.
///
/// `AuditTrail.record` makes its entries durable (a write and a flush) before it returns; one
/// flush per check would cap the API at the disk's flush rate, and waiting for a shared one still
/// put a flush and two thread hand-offs into every answer. Here a check hands its record over
/// and answers at once; a thread of the queue's own commits whatever has gathered, batch after
/// batch. The guarantee that every answered decision reaches the ledger is kept by three rules:
/// a failed commit is retried (with backoff) until it succeeds, the queue is bounded (when
/// `capacity` records wait, new checks wait for room and then fail with 503, so a dead disk
/// cannot let answers run ahead of the ledger without limit), and the server's shutdown waits
/// (`flush`) until everything handed over is durable before it closes the ledger.
final class LedgerCommitQueue: @unchecked Sendable {
    typealias Commit = @Sendable ([AuditTrail.Record]) throws -> Range<UInt64>

    /// The queue has no room for a record: the ledger is not keeping up (or failing).
    struct Full: Error {}

    let capacity: Int
    private let commit: Commit
    private let onError: @Sendable (any Error) -> Void
    private let queue = DispatchQueue(label: "fundwatch.web.ledger-commit")
    private let lock = NSLock()
    private var pending: [AuditTrail.Record] = []
    /// Records taken for the commit under way (counted against `capacity` until durable).
    private var inFlight = 0
    private var committing = false
    private var committed: UInt64 = 0

    /// A queue committing to `trail`; `onError` hears each failed commit (it is retried).
    convenience init(trail: AuditTrail, capacity: Int = 16_384, onError: @escaping @Sendable (any Error) -> Void = { _ in }) {
        self.init(capacity: capacity, onError: onError) { try trail.record($0) }
    }

    init(capacity: Int, onError: @escaping @Sendable (any Error) -> Void = { _ in }, commit: @escaping Commit) {
        self.capacity = capacity
        self.commit = commit
        self.onError = onError
    }

    /// Records neither committed nor failed for good: waiting or being committed.
    var unrecorded: Int { lock.withLock { pending.count + inFlight } }

    /// Records made durable by this queue so far.
    var committedCount: UInt64 { lock.withLock { committed } }

    /// Hands `record` over for the next group commit if there is room; false if the queue is full.
    func enqueue(_ record: AuditTrail.Record) -> Bool {
        let start = lock.withLock { () -> Bool? in
            guard pending.count + inFlight < capacity else { return nil }
            pending.append(record)
            if committing { return false }
            committing = true
            return true
        }
        guard let start else { return false }
        if start { queue.async { self.drain() } }
        return true
    }

    /// Hands `record` over, waiting up to `timeout` for room (back-pressure); throws `Full` after.
    func enqueue(_ record: AuditTrail.Record, waitingUpTo timeout: Duration) async throws {
        if enqueue(record) { return }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(2))
            if enqueue(record) { return }
        }
        throw Full()
    }

    /// Waits until every record handed over so far is durable, or `timeout` passes; returns
    /// how many are still unrecorded (0 when all are in the ledger).
    @discardableResult
    func flush(timeout: Duration) async -> Int {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = unrecorded
            if left == 0 || ContinuousClock.now >= deadline { return left }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Commits what is pending, batch after batch, until nothing is; a failed batch goes back
    /// to the front and is retried after a growing pause.
    private func drain() {
        var failures = 0
        while true {
            let batch = lock.withLock { () -> [AuditTrail.Record] in
                let batch = pending
                pending = []
                inFlight = batch.count
                if batch.isEmpty { committing = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                _ = try commit(batch)
                failures = 0
                lock.withLock {
                    inFlight = 0
                    committed += UInt64(batch.count)
                }
            } catch {
                onError(error)
                lock.withLock {
                    pending.insert(contentsOf: batch, at: 0)
                    inFlight = 0
                }
                failures += 1
                // 10 ms, doubling, at most 2 s between attempts.
                Thread.sleep(forTimeInterval: min(2, 0.01 * pow(2, Double(min(failures, 8)))))
            }
        }
    }
}
