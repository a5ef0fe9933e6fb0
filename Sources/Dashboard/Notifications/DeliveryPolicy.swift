/// How hard the outbox tries: exponential backoff with jitter between attempts, and how long an
/// item is tried before it becomes a dead letter.
public struct DeliveryPolicy: Sendable, Hashable {
    /// Seconds before the second attempt.
    public var baseDelay: Double
    /// Each further wait is this many times the last.
    public var multiplier: Double
    /// The longest wait between attempts, in seconds.
    public var maxDelay: Double
    /// Waits vary by ± this fraction (0.2: 80 %–120 %), so many failed items do not retry in step.
    public var jitter: Double
    /// Seconds after queueing when an item is given up (a dead letter, kept and shown).
    public var giveUpAfter: Double

    /// 30 s, doubling to at most an hour, ± 20 %, for three days.
    public init(
        baseDelay: Double = 30, multiplier: Double = 2, maxDelay: Double = 3600, jitter: Double = 0.2,
        giveUpAfter: Double = 3 * 86_400
    ) {
        self.baseDelay = baseDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
        self.giveUpAfter = giveUpAfter
    }

    /// The wait after the `failures`-th failed attempt (1 for the first), before jitter.
    public func delay(afterFailures failures: Int) -> Double {
        var delay = baseDelay
        var n = 1
        while n < failures && delay < maxDelay {
            delay *= multiplier
            n += 1
        }
        return min(delay, maxDelay)
    }
}
