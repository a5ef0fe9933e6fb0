public import FundWatchCore
public import Ingestion

/// Canonical rows that come from somewhere other than a canonical CSV file: a department export
/// that Ingestion maps, cleans and validates. Storage only writes what it is handed.
public protocol CanonicalRowSource {
    /// The next row's outcome, nil at the end. Throws when the source cannot be read on (the
    /// whole batch is then rolled back).
    mutating func next() throws -> CanonicalRowOutcome?

    /// A JSON quality report of the rows handed out, asked for once the source is drained, with
    /// the checks against other stored feeds added; kept with the file so a feed's quality can be
    /// followed over time. Must hold no personal data.
    func qualityReportJSON(crossFeed: [FileQualityReport.ConsistencyCheck]) -> String?
}

extension CanonicalRowSource {
    public func qualityReportJSON(crossFeed: [FileQualityReport.ConsistencyCheck]) -> String? { nil }
}

/// What became of one row of a source.
public enum CanonicalRowOutcome: Sendable, Hashable {
    /// A valid record: its canonical values in the record type's field order (`fields`).
    case accepted(line: Int, values: [String])
    /// A row kept aside: the canonical field and export column to blame, a short reason code
    /// (`invalid_date`), the reason, and the row as read.
    case rejected(line: Int, field: String?, column: String?, code: String?, reason: String, raw: [String])
}

/// One department export to import: its identity (for idempotence and the ledger) and its rows.
public struct IncomingFile {
    public var kind: RecordKind
    /// The file name or path as given.
    public var name: String
    /// Hex SHA-256 of the file's bytes.
    public var sha256: String
    /// The feed (spec `source`) and the spec's version.
    public var feed: String
    public var specVersion: Int
    /// The text encoding read, when the format has one.
    public var encoding: String?
    /// The share of rejected rows above which the whole batch is refused (0.05 = 5 %).
    public var maxRejectRate: Double
    public var rows: any CanonicalRowSource

    public init(
        kind: RecordKind, name: String, sha256: String, feed: String, specVersion: Int, encoding: String?,
        maxRejectRate: Double, rows: any CanonicalRowSource
    ) {
        self.kind = kind
        self.name = name
        self.sha256 = sha256
        self.feed = feed
        self.specVersion = specVersion
        self.encoding = encoding
        self.maxRejectRate = maxRejectRate
        self.rows = rows
    }
}
