/// What one `resolve` run did.
public struct ResolutionReport: Sendable, Hashable {
    /// The run's id (`resolution_run.id`).
    public var runID: Int64 = 0
    /// Stored records that name their person by a valid ID number (15-digit ones upgraded at import).
    public var linkedByID = 0
    /// Rejected rows whose only fault is the ID number and that were neither linked nor awaiting
    /// a reviewer: the records this run gave an outcome.
    public var considered = 0
    /// Records linked before this run (left as they are).
    public var alreadyLinked = 0
    /// Records whose candidates already await a reviewer (left as they are).
    public var awaitingReview = 0
    /// Records linked by the model in this run.
    public var linked = 0
    /// Records with candidates for review (new or still open).
    public var toReview = 0
    /// Records with no candidate.
    public var unresolved = 0
    /// Rejected rows for the ID field that could not be read back (other faults, or a file not in canonical column order).
    public var unreadable = 0

    public init() {}
}
