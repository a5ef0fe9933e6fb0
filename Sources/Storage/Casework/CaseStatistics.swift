public import FundWatchCore

/// The figures of casework in a region's subtree that the cases page and the cockpit show:
/// recovery (追回率 = recovered / owed), case flow per month, and what is overdue.
public struct CaseStatistics: Sendable, Hashable, Codable {
    /// Cases opened and finished (closed or dismissed) in one month (China Standard Time).
    public struct Month: Sendable, Hashable, Codable {
        /// `YYYY-MM`.
        public var month: String
        public var opened: Int
        public var closed: Int
    }

    /// Owed by every recovery in the scope.
    public var owed: Money
    public var recovered: Money
    public var writtenOff: Money
    /// recovered / owed (0 when nothing is owed).
    public var recoveryRate: Double { owed.fen == 0 ? 0 : Double(recovered.fen) / Double(owed.fen) }
    /// Cases not finished.
    public var open: Int
    /// Open tasks past their deadline.
    public var overdueTasks: Int
    /// Supervised cases past the supervision deadline without sign-off (督办超期).
    public var overdueSupervised: Int
    /// The last months, oldest first.
    public var months: [Month]
}
