import Foundation
import Casework
import Collaboration
import FundWatchCore
public import Logging
public import Storage

/// The deadline clock of casework and collaboration, run on a timer by `serve`: verification
/// requests get their reminders, overdue notices and escalations (stored, in the ledger), and
/// case tasks their reminder before and escalation after the deadline, each given once and
/// recorded in the case's history. The clock is injected; a test drives `sweep()` by hand.
public struct DeadlineSweeper: Sendable {
    /// What one sweep did.
    public struct Report: Sendable, Hashable {
        /// Verification requests whose deadline state changed.
        public var requests: Int
        /// Case task reminders given.
        public var reminders: Int
        /// Case task escalations given.
        public var escalations: Int
    }

    let database: FundWatchDatabase
    let trail: AuditTrail
    let clock: WebClock
    let monitor: TaskMonitor
    let workflow: VerificationWorkflow

    public init(database: FundWatchDatabase, trail: AuditTrail, clock: WebClock) {
        self.database = database
        self.trail = trail
        self.clock = clock
        self.monitor = TaskMonitor()
        self.workflow = VerificationWorkflow()
    }

    /// One pass at the clock's current time.
    @discardableResult
    public func sweep() async throws -> Report {
        let now = clock.now()
        let transitions = try await database.sweepVerificationDeadlines(at: now, trail: trail, workflow: workflow)
        let tasks = try await database.openCaseTasks(in: RegionScope(code: RegionScope.nationCode)!)
        let given = try await database.recordTaskNotices(monitor.notices(for: tasks, at: now), at: now, trail: trail)
        return Report(
            requests: transitions.count, reminders: given.filter { $0.kind == .reminder }.count,
            escalations: given.filter { $0.kind == .escalation }.count)
    }

    /// Sweeps every `interval` until the task is cancelled; a failed pass is reported and retried
    /// at the next tick (nothing is half-written: each pass is its own transactions).
    public func run(
        every interval: Duration, logger: Logger,
        sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) async {
        while !Task.isCancelled {
            do {
                let report = try await sweep()
                if report.requests + report.reminders + report.escalations > 0 {
                    logger.info(
                        "deadline sweep",
                        metadata: [
                            "requests": "\(report.requests)", "reminders": "\(report.reminders)",
                            "escalations": "\(report.escalations)",
                        ])
                }
            } catch {
                logger.error("deadline sweep failed", metadata: ["error": "\(error)"])
            }
            do { try await sleep(interval) } catch { return }
        }
    }
}
