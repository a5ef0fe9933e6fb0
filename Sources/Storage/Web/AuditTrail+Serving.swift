import Foundation
public import Ledger

/// The ledger as a long-running server holds it: checkpoints published on an interval rather
/// than at every commit, and the last one published when the server stops.
extension AuditTrail {
    /// Opens the ledger of a data folder as `open(data:)` does, with commits publishing their
    /// checkpoint (and writing the tiles' right edge) at most once per `checkpointInterval`.
    ///
    /// A server commits many small batches (every pre-payment check, alert step and sign-in
    /// note); publishing each one rewrites the partial tiles and the checkpoint file every time.
    /// Entries are durable when `record` returns either way (the commit journal); only the
    /// served checkpoint lags, by at most the interval while commits keep coming, and
    /// `publishPending()` / `close()` publish the rest.
    public static func openForServing(
        data: String, checkpointInterval: Duration, origin: String = defaultOrigin, clock: LedgerClock = .system
    ) throws -> AuditTrail {
        try open(data: data, origin: origin, clock: clock, checkpointInterval: checkpointInterval)
    }

    /// Publishes the checkpoint of the entries committed since the last publication, if the
    /// checkpoint interval held one back; does nothing otherwise. The server calls it every
    /// interval, so a quiet log's served checkpoint catches up without another commit.
    public func publishPending() throws {
        lock.lock()
        defer { lock.unlock() }
        try log.publishDeferred()
    }

    /// The size of the checkpoint served to readers (`/ledger/checkpoint`): at most `size`.
    public var publishedSize: UInt64? {
        lock.lock()
        defer { lock.unlock() }
        return log.published.flatMap { try? Checkpoint(text: $0.text) }?.size
    }
}
