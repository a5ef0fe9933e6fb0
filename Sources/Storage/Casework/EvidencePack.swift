public import Foundation

/// Everything a case's evidence pack (证据包) holds, read in one transaction: every ledger entry
/// of the case (its steps, its evidence items, the findings that opened it and the rule
/// versions they came from), each with an inclusion proof against one signed checkpoint; each
/// source record with its provenance; and the counter-evidence checked for the person.
public struct EvidencePack: Sendable {
    /// An inclusion proof of one ledger entry in the tree of the pack's checkpoint.
    public struct Proof: Sendable, Hashable, Codable {
        public var index: UInt64
        /// The entry's exact bytes (canonical JSON), whose RFC 9162 leaf hash the proof starts from.
        public var entry: String
        public var leafHash: String
        /// The proof hashes, hex, bottom up.
        public var hashes: [String]
    }

    /// One item of the pack: a case step, an evidence item, a finding or a document.
    public struct Item: Sendable, Hashable {
        /// `event`, `evidence`, `finding`.
        public var kind: String
        public var title: String
        public var detail: String
        public var at: Date?
        /// The SHA-256 that the ledger entry holds for the item's content.
        public var sha256: String
        /// The item's file inside the pack, if it has one.
        public var fileName: String?
        public var proof: Proof?
    }

    /// A rule version that raised one of the case's findings.
    public struct RuleVersion: Sendable, Hashable {
        public var ruleID: String
        public var version: Int
        public var title: String
        /// The SHA-256 of the rule version's spec, as the ledger recorded it.
        public var sha256: String
        public var proof: Proof?
    }

    /// A source record a finding or the case rests on, with where it came from.
    public struct SourceRecord: Sendable, Hashable {
        /// The record's own id (payment id, settlement id …) or `type #row`.
        public var reference: String
        public var recordType: String
        /// The department that delivered it (the import batch's source).
        public var department: String?
        public var feed: String?
        public var batchID: Int64?
        public var line: Int64?
    }

    /// A kind of record that could contradict the finding, and what was found of it for the person.
    public struct CounterCheck: Sendable, Hashable {
        public var recordType: String
        /// What it would show, in Chinese.
        public var label: String
        public var count: Int
        /// The latest date among those records, if any.
        public var latest: String?
    }

    public var stored: StoredCase
    /// The signed checkpoint (note text with its signatures) every proof verifies against.
    public var checkpoint: String
    public var treeSize: UInt64
    public var rootHex: String
    public var events: [Item]
    public var evidence: [Item]
    public var findings: [Item]
    public var rules: [RuleVersion]
    public var sources: [SourceRecord]
    public var counterChecks: [CounterCheck]
    /// The files of the evidence items (name in the pack, bytes), verified against their hashes.
    public var files: [(name: String, bytes: [UInt8])]
}
