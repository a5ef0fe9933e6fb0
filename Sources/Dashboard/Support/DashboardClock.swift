public import Foundation

/// The wall clock, injected so that caches, watchers and retries repeat exactly in tests.
public protocol DashboardClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Waits (cancellably) for `seconds`.
    func sleep(seconds: Double) async throws
}

/// The system clock.
public struct SystemClock: DashboardClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(seconds: Double) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}
