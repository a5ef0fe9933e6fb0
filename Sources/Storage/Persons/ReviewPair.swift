/// A pair that resolution was unsure about: a record whose ID number was mistyped or missing,
/// and a candidate person, with the comparison that scored them.
public struct ReviewPair: Sendable, Hashable {
    /// One bar of the waterfall.
    public struct Term: Sendable, Hashable, Codable {
        public let name: String
        public let level: String
        public let left: String
        public let right: String
        /// The contribution in bits, as text with three decimals.
        public let bits: String
    }

    /// The pair's id (`link_review.id`), what `resolve decide --pair` takes.
    public let id: Int64
    public let record: UnresolvedRecord
    /// The candidate's key (the 18-digit ID number) and registry entry.
    public let personKey: String
    public let personName: String?
    public let personSex: String?
    public let personBirthDate: String?
    public let personRegion: String?
    public let probability: Double
    public let terms: [Term]
    /// open, same, different, or superseded (another candidate of the record was marked same).
    public let status: String
    public let reviewer: String?
    public let decidedAt: String?
}

/// A reviewer's decision on a pair, as recorded.
public struct ReviewDecision: Sendable, Hashable {
    public let pair: Int64
    public let same: Bool
    public let reviewer: String
    public let decidedAt: String
    /// The decision as canonical JSON (sorted keys, no spaces): the payload whose SHA-256 goes to the ledger.
    public let canonicalJSON: String
}

/// A decision that cannot be taken: unknown pair, already decided, or the record already linked elsewhere.
public struct ReviewError: Error, CustomStringConvertible, Hashable {
    public let description: String
    init(_ description: String) { self.description = description }
}
