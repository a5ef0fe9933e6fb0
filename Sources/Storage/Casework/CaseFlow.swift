public import FundWatchCore

/// Case flow and what is overdue in a region and in each region directly below it: the case
/// section of each level's cockpit (a province sees its cities, a city its counties).
public struct CaseFlow: Sendable, Hashable, Codable {
    /// One region's figures (its whole subtree).
    public struct Row: Sendable, Hashable, Codable {
        /// The six-digit region code.
        public var code: String
        /// Cases opened in the period.
        public var opened: Int
        /// Cases finished (closed or dismissed) in the period.
        public var closed: Int
        /// Cases not finished now.
        public var open: Int
        /// Open cases with a task past its deadline.
        public var overdue: Int
        /// Supervised cases past the supervision deadline without sign-off (督办超期).
        public var overdueSupervised: Int
        /// Owed by the recoveries of the region's cases, and received so far.
        public var owed: Money
        public var recovered: Money
        /// recovered / owed; nil when nothing is owed.
        public var recoveryRate: Double?

        public init(code: String) {
            self.code = code
            opened = 0
            closed = 0
            open = 0
            overdue = 0
            overdueSupervised = 0
            owed = .zero
            recovered = .zero
            recoveryRate = nil
        }
    }

    /// The period counted, `YYYY-MM` (the current month, China Standard Time).
    public var period: String
    /// The region itself.
    public var region: Row
    /// Each region directly below it, in the order asked for.
    public var children: [Row]
}
