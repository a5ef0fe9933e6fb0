/// One problem found by ``LogVerifier``: its kind, where it is, and what was seen.
public struct LogDamage: Hashable, Sendable, CustomStringConvertible {
    /// The kind of damage.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// An entry bundle the checkpoint requires is absent.
        public static let missingEntryBundle = Kind(rawValue: "missing_entry_bundle")
        /// An entry bundle is cut short or holds the wrong number of entries.
        public static let truncatedEntryBundle = Kind(rawValue: "truncated_entry_bundle")
        /// An entry's bytes were changed: its leaf hash no longer matches the signed tree.
        public static let alteredEntry = Kind(rawValue: "altered_entry")
        /// A hash tile the checkpoint requires is absent.
        public static let missingTile = Kind(rawValue: "missing_tile")
        /// A hash tile has the wrong length.
        public static let truncatedTile = Kind(rawValue: "truncated_tile")
        /// A hash in a tile differs from the one recomputed from the entries.
        public static let alteredTile = Kind(rawValue: "altered_tile")
        /// A record of the local node index differs from the hashes recomputed from the entries.
        public static let alteredNodeIndex = Kind(rawValue: "altered_node_index")
        /// A checkpoint's signature does not verify, or it is not a checkpoint.
        public static let badCheckpoint = Kind(rawValue: "bad_checkpoint")
        /// A signed checkpoint's root differs from the root recomputed from the entries.
        public static let rootMismatch = Kind(rawValue: "root_mismatch")
        /// Witness cosignatures on the published checkpoint fall short of the policy.
        public static let quorumNotMet = Kind(rawValue: "quorum_not_met")
        /// The checkpoint history ends in a torn record (a crash mid-write; harmless).
        public static let tornHistory = Kind(rawValue: "torn_history")
        /// There is no checkpoint at all.
        public static let missingCheckpoint = Kind(rawValue: "missing_checkpoint")
    }

    /// The kind of damage.
    public let kind: Kind
    /// The entry index, node index or checkpoint number concerned, if any.
    public let index: UInt64?
    /// The file concerned, if any.
    public let path: String?
    /// What was seen.
    public let detail: String

    /// Creates a damage record.
    public init(_ kind: Kind, index: UInt64? = nil, path: String? = nil, _ detail: String) {
        self.kind = kind
        self.index = index
        self.path = path
        self.detail = detail
    }

    public var description: String {
        var parts = [kind.rawValue]
        if let index { parts.append("index \(index)") }
        if let path { parts.append(path) }
        parts.append(detail)
        return parts.joined(separator: ": ")
    }
}
