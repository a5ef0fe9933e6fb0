public import FundWatchCore

/// What an import did.
public struct ImportReport: Sendable, Hashable {
    /// The new batch, or nil when every file had been imported before (nothing new).
    public var batchID: Int64?
    /// One entry per canonical file found.
    public var files: [FileOutcome]
    /// The rejected rows (all of them; pages and the CLI show the first few).
    public var rejected: [RejectedRow]
    /// Files in the folder that are not canonical record files.
    public var ignored: [String]

    /// Rows stored.
    public var importedRows: Int { files.reduce(0) { $0 + $1.importedRows } }
    /// Whether nothing new was stored.
    public var nothingNew: Bool { batchID == nil }

    /// What happened to one file.
    public struct FileOutcome: Sendable, Hashable {
        public var name: String
        public var kind: RecordKind
        public var importedRows: Int
        public var rejectedRows: Int
        /// Set when the same bytes were imported before, in this batch.
        public var alreadyImportedInBatch: Int64?
    }
}

/// A row that was not stored, and why. The reason never holds a whole ID number.
public struct RejectedRow: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var field: String?
    public var reason: String

    public var description: String { "\(file):\(line)\(field.map { " field '\($0)'" } ?? ""): \(reason)" }
}
