import Storage
import Synchronization

/// What the pre-payment check last verified against the database: the records' generation
/// (the population in memory is used only while it was built at it) and the blacklist in force,
/// with when they were verified. A check reads it under a lock, in place, without I/O.
final class PaymentCheckMemory: Sendable {
    struct View: Sendable {
        let records: RecordsGeneration
        let blacklist: BlacklistInForce
        let verifiedAt: ContinuousClock.Instant
    }

    private let view = Mutex<View?>(nil)
    /// The verification under way, if any, with its number (see `verify`).
    private let running = Mutex<(number: UInt64, task: Task<Void, any Error>)?>(nil)
    private let started = Atomic<UInt64>(0)
    let now: @Sendable () -> ContinuousClock.Instant

    init(clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.now = clock
    }

    /// The view if it was verified less than `interval` ago.
    func view(within interval: Duration) -> View? {
        view(within: interval, at: now())
    }

    /// The view if it was verified less than `interval` ago; once it is older than half of
    /// that, a verification starts in the background (`verify`, one at a time).
    ///
    /// Without this, every check arriving after the view expired waited for the database, each
    /// with a verification of its own, until one of them stored a new view: a stall every
    /// interval that dominated the check's tail latency (a queue of checks answered all at
    /// once, tens to hundreds of milliseconds late under load). Now a stream of checks keeps
    /// the view current and none of them waits, unless a verification takes longer than half
    /// the interval.
    func view(
        within interval: Duration, verifyingAhead verify: @escaping @Sendable () async throws -> Void
    ) -> View? {
        let now = now()
        guard let v = view(within: interval, at: now) else { return nil }
        if now - v.verifiedAt >= interval / 2, running.withLock({ $0 == nil }) {
            Task { try? await self.verify(verify) }
        }
        return v
    }

    /// Runs `verify` unless a verification is already under way, and waits for the one that
    /// runs: checks that find the view expired share one database statement instead of
    /// sending one each.
    func verify(_ verify: @escaping @Sendable () async throws -> Void) async throws {
        let task = running.withLock { running -> Task<Void, any Error> in
            if let running { return running.task }
            let number = started.add(1, ordering: .relaxed).newValue
            // The task clears its own entry when done; it cannot get there before the entry is
            // stored, since that needs this lock.
            let task = Task {
                defer { self.running.withLock { if $0?.number == number { $0 = nil } } }
                try await verify()
            }
            running = (number, task)
            return task
        }
        try await task.value
    }

    private func view(within interval: Duration, at now: ContinuousClock.Instant) -> View? {
        view.withLock { view in
            guard let v = view, v.verifiedAt <= now, now - v.verifiedAt < interval else { return nil }
            return v
        }
    }

    /// The blacklist held, if it is still at `version` (nothing to reload).
    func blacklist(at version: [Int64]) -> BlacklistInForce? {
        view.withLock { view in view.flatMap { $0.blacklist.version == version ? $0.blacklist : nil } }
    }

    /// Keeps what was just read; `verifiedAt` is when the reading started.
    func store(records: RecordsGeneration, blacklist: BlacklistInForce, verifiedAt: ContinuousClock.Instant) {
        view.withLock { view in
            // Two checks may verify at once; the later reading wins.
            if let v = view, v.verifiedAt > verifiedAt { return }
            view = View(records: records, blacklist: blacklist, verifiedAt: verifiedAt)
        }
    }

    /// Forgets the view: the next check verifies again (a change made in this process).
    func invalidate() {
        view.withLock { $0 = nil }
    }
}
