public import Foundation

/// What an import batch's `import_batch` ledger entry vouches for: the SHA-256 of each file,
/// the spec version that mapped it, and the counts. Serialised as canonical JSON (sorted keys,
/// no white space); the JSON is kept on the batch and the ledger holds its SHA-256.
public struct BatchLedgerPayload: Codable, Sendable, Hashable {
    /// One imported file.
    public struct File: Codable, Sendable, Hashable {
        public var name: String
        public var record: String
        public var sha256: String
        /// The feed (spec `source`) for department exports; nil for canonical CSV.
        public var feed: String?
        public var specVersion: Int?
        public var imported: Int
        public var rejected: Int

        enum CodingKeys: String, CodingKey {
            case name, record, sha256, feed, imported, rejected
            case specVersion = "spec_version"
        }
    }

    public var batchID: Int64
    public var source: String
    public var importedAt: String
    public var files: [File]
    public var imported: Int
    public var rejected: Int

    enum CodingKeys: String, CodingKey {
        case source, files, imported, rejected
        case batchID = "batch_id"
        case importedAt = "imported_at"
    }

    /// The canonical JSON bytes.
    public var canonicalJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }
}
