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
    let now: @Sendable () -> ContinuousClock.Instant

    init(clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.now = clock
    }

    /// The view if it was verified less than `interval` ago.
    func view(within interval: Duration) -> View? {
        let now = now()
        return view.withLock { view in
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
