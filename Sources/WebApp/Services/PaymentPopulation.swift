public import AuditRules
import Foundation
public import FundWatchCore
public import Storage
import Synchronization

/// The whole population in memory for the pre-payment check: every timeline by ID number and
/// the population index the nightly audit builds (accounts' payees and holders, households'
/// deaths, operators' households, amount baselines).
///
/// A check then reads nothing but the records' generation (one statement) and the blacklist;
/// without it, each check read the payee's and every household member's timeline, a dozen
/// statements each. It also makes the real-time check judge a payment with the same index as
/// the batch audit, not with the few neighbours a single check could afford to read.
///
/// The population is used only while the stored records are still at the generation it was
/// built from (records and links are only inserted, so equal generations mean equal
/// timelines); when they have moved (an import, `fundwatch resolve`), `current` answers nil,
/// the caller checks from the database as before, and a rebuild starts in the background.
public final class PaymentPopulation: Sendable {
    /// One build: the timelines, the index, and the generation they reflect.
    public struct Snapshot: Sendable {
        public let generation: RecordsGeneration
        let timelines: [String: PersonTimeline]
        public let index: PopulationIndex
        public var persons: Int { timelines.count }

        /// The timeline of a person, as `FundWatchDatabase.timeline(for:)` reads it.
        public func timeline(for id: IDNumber) -> PersonTimeline? { timelines[id.value] }
    }

    private struct State {
        var snapshot: Snapshot?
        var building = false
    }

    let database: FundWatchDatabase
    private let state = Mutex(State())
    /// Called with a build's failure (logged by the server; the check keeps reading the database).
    let onError: @Sendable (any Error) -> Void

    public init(database: FundWatchDatabase, onError: @escaping @Sendable (any Error) -> Void = { _ in }) {
        self.database = database
        self.onError = onError
    }

    /// The population if it matches the stored records now; else nil, with a rebuild started.
    public func current() async throws -> Snapshot? {
        snapshot(matching: try await database.recordsGeneration())
    }

    /// The population if it was built at `generation` (read from the database by the caller);
    /// else nil, with a rebuild started. Does no I/O itself.
    public func snapshot(matching generation: RecordsGeneration) -> Snapshot? {
        let (snapshot, start): (Snapshot?, Bool) = state.withLock { state in
            if let s = state.snapshot, s.generation == generation { return (s, false) }
            if state.building { return (nil, false) }
            state.building = true
            return (nil, true)
        }
        if start {
            Task.detached(priority: .utility) { [self] in
                do { _ = try await build() } catch { onError(error) }
            }
        }
        return snapshot
    }

    /// The snapshot built last, whatever its generation (for tests and status).
    public var latest: Snapshot? { state.withLock { $0.snapshot } }

    /// Builds the population from the stored records now and keeps it; returns it.
    @discardableResult
    public func refresh() async throws -> Snapshot {
        state.withLock { $0.building = true }
        return try await build()
    }

    private func build() async throws -> Snapshot {
        defer { state.withLock { $0.building = false } }
        // The generation is read first: records added while the timelines are read make the
        // snapshot look older than it is, so it is rebuilt once more, never used stale.
        let generation = try await database.recordsGeneration()
        let timelines = try await database.allTimelines()
        var builder = PopulationIndex.Builder()
        var byID = [String: PersonTimeline](minimumCapacity: timelines.count)
        for t in timelines {
            builder.add(t)
            byID[t.idNumber.value] = t
        }
        builder.add(staff: try await database.allStaff())
        let snapshot = Snapshot(generation: generation, timelines: byID, index: builder.build())
        state.withLock { $0.snapshot = snapshot }
        return snapshot
    }
}
