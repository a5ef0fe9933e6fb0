/// Who takes a step in a collaboration workflow: a user or a department's system, by the name
/// the ledger records (`user/zhang.san`).
public struct CollaborationActor: Sendable, Hashable, Codable {
    /// The ledger name of the actor.
    public var name: String
    /// The actor's region code (six digits, `000000` for the nation).
    public var regionCode: String

    public init(name: String, regionCode: String) {
        self.name = name
        self.regionCode = regionCode
    }
}
