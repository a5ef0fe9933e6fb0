public import Foundation

/// A point in time with nanosecond precision (google.protobuf.Timestamp), limited to
/// 0001-01-01T00:00:00Z … 9999-12-31T23:59:59.999999999Z.
public struct CELTimestamp: Hashable, Comparable, Sendable {
    /// Seconds of 0001-01-01T00:00:00Z since the Unix epoch.
    public static let minSeconds: Int64 = -62_135_596_800
    /// Seconds of 9999-12-31T23:59:59Z since the Unix epoch.
    public static let maxSeconds: Int64 = 253_402_300_799

    /// Seconds since the Unix epoch.
    public let seconds: Int64
    /// Nanoseconds added to `seconds`, in 0..<1_000_000_000.
    public let nanos: Int32

    /// Creates a timestamp; nil when outside the supported range.
    public init?(seconds: Int64, nanos: Int64 = 0) {
        let (extra, remainder) = nanos.quotientAndRemainder(dividingBy: 1_000_000_000)
        var (total, overflow) = seconds.addingReportingOverflow(extra)
        var normalizedNanos = remainder
        if normalizedNanos < 0 {
            normalizedNanos += 1_000_000_000
            (total, overflow) = total.subtractingReportingOverflow(1)
        }
        guard !overflow, total >= CELTimestamp.minSeconds, total <= CELTimestamp.maxSeconds else { return nil }
        self.seconds = total
        self.nanos = Int32(normalizedNanos)
    }

    /// Creates a timestamp from a Foundation date (microsecond precision); nil when out of range.
    public init?(_ date: Date) {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e12 else { return nil }
        let whole = interval.rounded(.down)
        self.init(seconds: Int64(whole), nanos: Int64(((interval - whole) * 1e9).rounded()))
    }

    /// The timestamp as a Foundation date.
    public var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9) }

    public static func < (lhs: CELTimestamp, rhs: CELTimestamp) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    /// The timestamp moved by a duration; nil when out of range.
    func adding(_ duration: CELDuration) -> CELTimestamp? {
        let (sum, overflow) = seconds.addingReportingOverflow(duration.seconds)
        guard !overflow else { return nil }
        return CELTimestamp(seconds: sum, nanos: Int64(nanos) + Int64(duration.nanos))
    }

    /// The duration between two timestamps; nil when out of the duration range.
    func difference(_ other: CELTimestamp) -> CELDuration? {
        CELDuration(seconds: seconds - other.seconds, nanos: Int64(nanos) - Int64(other.nanos))
    }
}
