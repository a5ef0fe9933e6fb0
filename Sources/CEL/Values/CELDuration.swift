/// A signed span of time with nanosecond precision (google.protobuf.Duration), limited to
/// ±315,576,000,000 seconds (10,000 years) like the protobuf type.
public struct CELDuration: Hashable, Comparable, Sendable {
    /// Largest magnitude in seconds.
    public static let maxSeconds: Int64 = 315_576_000_000

    /// Whole seconds, rounded towards negative infinity.
    public let seconds: Int64
    /// Nanoseconds added to `seconds`, in 0..<1_000_000_000.
    public let nanos: Int32

    /// Creates a duration from seconds and nanoseconds (any sign); nil when out of range.
    public init?(seconds: Int64, nanos: Int64 = 0) {
        let (extra, remainder) = nanos.quotientAndRemainder(dividingBy: 1_000_000_000)
        var total = seconds.addingReportingOverflow(extra)
        var normalizedNanos = remainder
        if normalizedNanos < 0 {
            normalizedNanos += 1_000_000_000
            total = total.partialValue.subtractingReportingOverflow(1)
        }
        guard !total.overflow else { return nil }
        let value = total.partialValue
        // The range is symmetric: -max…max seconds with zero nanos at the ends.
        guard value >= -CELDuration.maxSeconds, value < CELDuration.maxSeconds || (value == CELDuration.maxSeconds && normalizedNanos == 0)
        else { return nil }
        self.seconds = value
        self.nanos = Int32(normalizedNanos)
    }

    /// Creates a duration from a count of nanoseconds.
    public init(nanoseconds: Int64) {
        let (q, r) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        if r < 0 {
            seconds = q - 1
            nanos = Int32(r + 1_000_000_000)
        } else {
            seconds = q
            nanos = Int32(r)
        }
    }

    /// Total nanoseconds, or nil if that overflows Int64.
    public var totalNanoseconds: Int64? {
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (sum, overflow2) = product.addingReportingOverflow(Int64(nanos))
        return overflow2 ? nil : sum
    }

    /// Seconds truncated towards zero (protobuf convention).
    public var truncatedSeconds: Int64 { seconds < 0 && nanos > 0 ? seconds + 1 : seconds }
    /// Nanoseconds with the sign of the duration, in -999_999_999…999_999_999.
    public var signedNanos: Int64 { seconds < 0 && nanos > 0 ? Int64(nanos) - 1_000_000_000 : Int64(nanos) }

    public static func < (lhs: CELDuration, rhs: CELDuration) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    /// Sum, or nil when out of range.
    func adding(_ other: CELDuration) -> CELDuration? {
        let (sum, overflow) = seconds.addingReportingOverflow(other.seconds)
        guard !overflow else { return nil }
        return CELDuration(seconds: sum, nanos: Int64(nanos) + Int64(other.nanos))
    }

    /// Negation, or nil when out of range.
    func negated() -> CELDuration? {
        let (negative, overflow) = (0 as Int64).subtractingReportingOverflow(seconds)
        guard !overflow else { return nil }
        return CELDuration(seconds: negative, nanos: -Int64(nanos))
    }
}
