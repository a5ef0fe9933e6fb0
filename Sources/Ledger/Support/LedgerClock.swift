public import Foundation

/// The source of "now" for entry times and cosignature timestamps, injected so that
/// tests and simulations repeat exactly.
public struct LedgerClock: Sendable {
    private let read: @Sendable () -> Date

    /// Creates a clock from a closure.
    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The current time.
    public func now() -> Date { read() }

    /// The wall clock.
    public static let system = LedgerClock { Date() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> LedgerClock { LedgerClock { date } }
}
