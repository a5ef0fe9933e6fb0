/// The outcome of verifying a whole log.
public struct LogVerificationReport: Sendable {
    /// The size of the latest signed checkpoint.
    public var size: UInt64 = 0
    /// Entries rehashed.
    public var entriesChecked: UInt64 = 0
    /// Checkpoints whose signature and root were checked.
    public var checkpointsChecked = 0
    /// Everything found wrong, in the order found.
    public var damages: [LogDamage] = []

    /// Whether nothing is wrong (a torn history tail alone does not count).
    public var isIntact: Bool { damages.allSatisfy { $0.kind == .tornHistory } }
}
