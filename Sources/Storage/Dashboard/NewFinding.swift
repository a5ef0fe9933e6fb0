/// A stored finding as the live feed reads it: the finding and the name of its person (so that a
/// notice can mask the name wherever the explanation spells it out).
public struct NewFinding: Sendable, Hashable {
    public var finding: StoredFinding
    /// The person's name from the newest person record, if any.
    public var personName: String?

    public init(finding: StoredFinding, personName: String?) {
        self.finding = finding
        self.personName = personName
    }
}
