import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

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
///
/// The commit thread gathers for `gatherWindow` after each commit before it takes the next
/// batch, and runs at a lower scheduling priority than the event loops. Each commit costs a
/// signed checkpoint, a journal write and a flush whatever its size: committing as soon as
/// anything waited made batches of two or three at a thousand commits a second, most of the
/// server's ledger CPU, taken from the event loops' two cores at random moments. Answers never
/// wait for a commit, so the window costs no latency; it widens the moments a kill -9 can
/// catch (decisions answered, not yet durable) from one commit to one window plus one commit.
final class LedgerCommitQueue: @unchecked Sendable {
    typealias Commit = @Sendable ([AuditTrail.Record]) throws -> Range<UInt64>
    /// Records where committed entries are, by subject (see `FundWatchDatabase.indexLedgerSubjects`).
    typealias Index = @Sendable ([LedgerSubjectRow]) throws -> Void

    /// The queue has no room for a record: the ledger is not keeping up (or failing).
    struct Full: Error {}

    let capacity: Int
    /// How long records gather after a commit before the next one is taken.
    let gatherWindow: Duration
    private let commit: Commit
    private let index: Index?
    private let onError: @Sendable (any Error) -> Void
    /// Guards everything below; the commit thread waits on it for records.
    private let condition = NSCondition()
    private var pending: [AuditTrail.Record] = []
    /// The region of each pending record, in step with `pending`.
    private var regions: [String?] = []
    /// Subject rows of committed entries whose indexing failed, retried with the next commit.
    private var unindexed: [LedgerSubjectRow] = []
    /// Records taken for the commit under way (counted against `capacity` until durable).
    private var inFlight = 0
    private var committed: UInt64 = 0
    /// Whether the commit thread is running (it ends after a second with nothing to do).
    private var running = false

    /// A queue committing to `trail`; `onError` hears each failed commit (it is retried).
    /// With `index`, each commit's entries are then indexed by subject and region.
    convenience init(
        trail: AuditTrail, capacity: Int = 16_384, gatherWindow: Duration = .milliseconds(5), index: Index? = nil,
        onError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) {
        self.init(capacity: capacity, gatherWindow: gatherWindow, index: index, onError: onError) { try trail.record($0) }
    }

    init(
        capacity: Int, gatherWindow: Duration = .milliseconds(5), index: Index? = nil,
        onError: @escaping @Sendable (any Error) -> Void = { _ in }, commit: @escaping Commit
    ) {
        self.capacity = capacity
        self.gatherWindow = gatherWindow
        self.commit = commit
        self.index = index
        self.onError = onError
    }

    /// Records neither committed nor failed for good: waiting or being committed.
    var unrecorded: Int { condition.withLock { pending.count + inFlight } }

    /// Records made durable by this queue so far.
    var committedCount: UInt64 { condition.withLock { committed } }

    /// Hands `record` over for the next group commit if there is room; false if the queue is full.
    /// `region` is where the record belongs, for the look-up by subject (nil: the nation's).
    func enqueue(_ record: AuditTrail.Record, region: String? = nil) -> Bool {
        condition.withLock {
            guard pending.count + inFlight < capacity else { return false }
            pending.append(record)
            regions.append(region)
            if !running {
                running = true
                let thread = Thread { self.run() }
                thread.name = "fundwatch.web.ledger-commit"
                thread.start()
            } else if pending.count == 1 {
                condition.signal()
            }
            return true
        }
    }

    /// Hands `record` over, waiting up to `timeout` for room (back-pressure); throws `Full` after.
    func enqueue(_ record: AuditTrail.Record, region: String? = nil, waitingUpTo timeout: Duration) async throws {
        if enqueue(record, region: region) { return }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(2))
            if enqueue(record, region: region) { return }
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

    /// Batches of this many commit at once, without waiting for the window.
    static let fullBatch = 4_096

    /// The commit thread: commits what is pending, a window's worth at a time, until nothing
    /// has come for a second; a failed batch goes back to the front and is retried after a
    /// growing pause.
    private func run() {
        Self.lowerThreadPriority()
        var failures = 0
        var lastCommit = ContinuousClock.now - gatherWindow
        while true {
            let idle = condition.withLock { () -> Bool in
                if pending.isEmpty { _ = condition.wait(until: Date(timeIntervalSinceNow: 1)) }
                if pending.isEmpty { running = false }
                return pending.isEmpty
            }
            if idle { return }
            let wait = lastCommit + gatherWindow - ContinuousClock.now
            if wait > .zero, condition.withLock({ pending.count < Self.fullBatch }) {
                Thread.sleep(forTimeInterval: Double(wait.components.attoseconds) / 1e18 + Double(wait.components.seconds))
            }
            let (batch, batchRegions) = condition.withLock { () -> ([AuditTrail.Record], [String?]) in
                let taken = (pending, regions)
                pending = []
                regions = []
                inFlight = taken.0.count
                return taken
            }
            lastCommit = ContinuousClock.now
            do {
                let range = try commit(batch)
                failures = 0
                // Indexed before the batch counts as done: `flush` (the server's shutdown) then
                // also waits for the look-up rows.
                indexSubjects(batch, regions: batchRegions, at: range)
                condition.withLock {
                    inFlight = 0
                    committed += UInt64(batch.count)
                }
            } catch {
                onError(error)
                condition.withLock {
                    pending.insert(contentsOf: batch, at: 0)
                    regions.insert(contentsOf: batchRegions, at: 0)
                    inFlight = 0
                }
                failures += 1
                // 10 ms, doubling, at most 2 s between attempts.
                Thread.sleep(forTimeInterval: min(2, 0.01 * pow(2, Double(min(failures, 8)))))
            }
        }
    }

    /// Indexes a committed batch by subject (with any rows an earlier failure left). A failure
    /// here loses nothing from the ledger: the rows wait for the next commit (at most a bounded
    /// number; beyond it the oldest are dropped and reported, their entries still found by index).
    private func indexSubjects(_ batch: [AuditTrail.Record], regions: [String?], at range: Range<UInt64>) {
        guard let index, range.count == batch.count else { return }
        var rows = unindexed
        rows.reserveCapacity(rows.count + batch.count)
        for (i, record) in batch.enumerated() {
            rows.append(LedgerSubjectRow(subject: record.subject, entryIndex: range.lowerBound + UInt64(i), regionCode: regions[i]))
        }
        do {
            try index(rows)
            unindexed = []
        } catch {
            onError(error)
            unindexed = Array(rows.suffix(Self.maximumUnindexed))
        }
    }

    /// Subject rows kept for a retry while the database refuses them.
    static let maximumUnindexed = 100_000

    /// Lowers the calling thread's priority a little (nice 5), so that the scheduler prefers
    /// the event loops when both want a core; the commits still get their share, and a queue
    /// that falls behind commits bigger (cheaper per record) batches.
    private static func lowerThreadPriority() {
        #if os(Linux)
        // On Linux the nice value belongs to the thread: `who` 0 is the calling thread alone.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
        #endif
    }
}
