/// Where answers become case evidence. `Casework` implements it when the two modules are wired
/// together; until then, and in tests, `InMemoryEvidenceSink` keeps the items.
public protocol EvidenceSink: Sendable {
    /// Adds an item to its case's evidence; returns the item's id in the case file.
    @discardableResult
    func add(_ evidence: CollaborationEvidence) async throws -> String
}

/// An evidence sink that keeps the items in memory, in order.
public actor InMemoryEvidenceSink: EvidenceSink {
    public private(set) var items: [CollaborationEvidence] = []

    public init() {}

    @discardableResult
    public func add(_ evidence: CollaborationEvidence) async throws -> String {
        items.append(evidence)
        return "mem-\(items.count)"
    }

    /// The items of one case.
    public func items(ofCase caseID: String) -> [CollaborationEvidence] { items.filter { $0.caseID == caseID } }
}
