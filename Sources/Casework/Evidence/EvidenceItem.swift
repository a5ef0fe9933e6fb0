public import Foundation

/// One item of a case's evidence chain (证据链): a file, a note or a linked source record,
/// each hashed into the ledger when added.
public struct EvidenceItem: Sendable, Hashable, Codable {
    /// What the item is.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case file, note, record
    }

    public var id: Int64
    public var caseID: String
    public var kind: Kind
    public var title: String
    /// The SHA-256 of the item's content (the file's bytes, the note's text, the record link's
    /// canonical JSON), lower-case hex.
    public var sha256: String
    /// For files: the size and the sniffed type.
    public var size: Int?
    public var fileType: EvidenceFileType?
    /// For notes: the text.
    public var text: String?
    /// For records: the record type and row id, and where the row came from.
    public var record: SourceRecordLink?
    /// Where the item came from: `upload`, `note`, or a collaborating component (e.g. `verification/17`).
    public var source: String
    public var addedBy: String
    public var addedAt: Date
    /// The index of the `evidence` entry in the ledger.
    public var ledgerIndex: Int64?

    public init(
        id: Int64, caseID: String, kind: Kind, title: String, sha256: String, size: Int? = nil,
        fileType: EvidenceFileType? = nil, text: String? = nil, record: SourceRecordLink? = nil, source: String,
        addedBy: String, addedAt: Date, ledgerIndex: Int64? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.title = title
        self.sha256 = sha256
        self.size = size
        self.fileType = fileType
        self.text = text
        self.record = record
        self.source = source
        self.addedBy = addedBy
        self.addedAt = addedAt
        self.ledgerIndex = ledgerIndex
    }
}

/// A source record linked as evidence, with its provenance from the import tables.
public struct SourceRecordLink: Sendable, Hashable, Codable {
    /// The canonical record type, e.g. `benefit_payment`, `death_record`.
    public var recordType: String
    public var rowID: Int64
    /// Provenance: the department and feed, the import batch and the line in the imported file.
    public var department: String?
    public var feed: String?
    public var batchID: Int64?
    public var line: Int64?

    public init(
        recordType: String, rowID: Int64, department: String? = nil, feed: String? = nil, batchID: Int64? = nil,
        line: Int64? = nil
    ) {
        self.recordType = recordType
        self.rowID = rowID
        self.department = department
        self.feed = feed
        self.batchID = batchID
        self.line = line
    }
}
