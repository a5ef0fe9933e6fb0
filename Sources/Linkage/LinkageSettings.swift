/// What a linkage run does: the mode, the blocking and deterministic rules, the comparisons,
/// and the threshold.
public struct LinkageSettings: Sendable {
    /// Link pairs records of different inputs; dedupe pairs records of one input.
    public enum Mode: String, Sendable, Hashable {
        case link
        case dedupe
    }

    public var mode: Mode
    /// The blocking rules, unioned.
    public var blocking: [BlockingRule]
    /// The comparisons of the model.
    public var comparisons: [Comparison]
    /// Rules whose exact agreement is a match outright (e.g. `[id_number]`, `[name, birth_date, sex]`),
    /// applied before the model; their pairs are candidates too.
    public var deterministic: [BlockingRule]
    /// The match probability at or above which a pair is a link.
    public var threshold: Double
    /// How many random pairs estimate u.
    public var uSampleSize: Int
    /// The most candidate pairs allowed.
    public var maxPairs: Int
    /// The most EM iterations per blocking rule.
    public var emIterations: Int
    /// The seed of the random pairs.
    public var seed: UInt64
    /// Whether clustering refuses merges that most cross pairs speak against.
    public var clusterGuard: Bool

    public init(
        mode: Mode, blocking: [BlockingRule], comparisons: [Comparison], deterministic: [BlockingRule] = [],
        threshold: Double = 0.9, uSampleSize: Int = 1_000_000, maxPairs: Int = 150_000_000, emIterations: Int = 50,
        seed: UInt64 = 42, clusterGuard: Bool = true
    ) {
        self.mode = mode
        self.blocking = blocking
        self.comparisons = comparisons
        self.deterministic = deterministic
        self.threshold = threshold
        self.uSampleSize = uSampleSize
        self.maxPairs = maxPairs
        self.emIterations = emIterations
        self.seed = seed
        self.clusterGuard = clusterGuard
    }
}
