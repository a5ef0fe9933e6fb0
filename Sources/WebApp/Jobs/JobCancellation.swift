import Synchronization

/// A server job's cancellation, requested from the admin page or the API and honoured by the job
/// only where stopping leaves nothing half-written.
///
/// Cooperative: the job calls `checkpoint()` between its phases (after reading, after
/// evaluating), and runs the work that is one database transaction through `interruptible`,
/// where a request cancels the task: GRDB then interrupts SQLite and the transaction rolls back
/// whole. Work after a job's commit point (recording what it stored in the ledger) runs outside
/// both, so it always completes.
final class JobCancellation: Sendable {
    private struct State {
        var requested = false
        var interrupt: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Whether an admin asked the job to stop.
    var isRequested: Bool { state.withLock { $0.requested } }

    /// Asks the job to stop at its next checkpoint, or now if it is inside `interruptible`.
    func request() {
        let interrupt: (@Sendable () -> Void)? = state.withLock { state in
            state.requested = true
            return state.interrupt
        }
        interrupt?()
    }

    /// Throws `JobCancelled` if a stop was requested.
    func checkpoint() throws(JobCancelled) {
        if isRequested { throw JobCancelled() }
    }

    /// Runs `body` (one transaction, or a read) in a task that a request cancels; throws
    /// `JobCancelled` when it was cancelled, whatever error the interrupted work threw.
    func interruptible<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try checkpoint()
        let task = Task { try await body() }
        let cancelledAlready: Bool = state.withLock { state in
            state.interrupt = { task.cancel() }
            return state.requested
        }
        if cancelledAlready { task.cancel() }
        defer { state.withLock { $0.interrupt = nil } }
        do {
            return try await task.value
        } catch {
            if isRequested { throw JobCancelled() }
            throw error
        }
    }
}

/// A job stopped at an admin's request.
struct JobCancelled: Error {}
