/// Why findings or suppressions could not be stored.
public struct FindingStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }

    /// A rule file changed but kept its version number.
    static func ruleChanged(_ id: String, _ version: Int) -> FindingStoreError {
        FindingStoreError(
            "rule \(id) version \(version) is already recorded with different file contents; raise `version:` in the rule file after changing it"
        )
    }
}
