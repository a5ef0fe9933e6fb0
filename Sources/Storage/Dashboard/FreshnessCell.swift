public import FundWatchCore

/// The newest record one county has delivered of one record kind, as the store has counted it.
public struct FreshnessCell: Sendable, Hashable {
    /// The county (the record's own region, else its person's); empty when neither is known.
    public var regionCode: String
    public var kind: RecordKind
    /// The date of the newest record (a month's records count from its first day).
    public var newest: CivilDate
    /// How many records have been counted.
    public var rows: Int

    public init(regionCode: String, kind: RecordKind, newest: CivilDate, rows: Int) {
        self.regionCode = regionCode
        self.kind = kind
        self.newest = newest
        self.rows = rows
    }
}
