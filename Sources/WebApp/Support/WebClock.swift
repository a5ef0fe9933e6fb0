public import Foundation
public import FundWatchCore

/// The clock the app reads: the wall clock when served, a fixed or stepped one in tests.
public struct WebClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    public func now() -> Date { read() }

    /// The system's wall clock.
    public static let system = WebClock { Date() }
}

extension WebClock {
    /// Today's date in China Standard Time (UTC+8), the zone of every record.
    public func today() -> CivilDate {
        let seconds = Int(now().timeIntervalSince1970) + 8 * 3600
        return CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}
