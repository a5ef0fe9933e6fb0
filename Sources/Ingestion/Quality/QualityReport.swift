import Foundation

/// How good one department export is: rows, rejects by reason, cleaning done, and per column
/// completeness, validity and uniqueness. Holds no personal data (examples are masked), so it
/// can be printed, written with `--report` and kept with the batch.
public struct FileQualityReport: Codable, Sendable, Hashable {
    public var file: String
    public var feed: String
    public var specVersion: Int
    public var record: String
    public var sha256: String
    public var encoding: String?
    public var rowsRead: Int
    public var accepted: Int
    public var rejected: Int
    /// rejected / rows read (0 for an empty file).
    public var rejectRate: Double
    public var maxRejectRate: Double
    /// Whether the rejects exceed `maxRejectRate`, so the file (and its batch) is refused.
    public var refused: Bool
    /// Values changed by each cleaning step.
    public var cleaning: [String: Int]
    public var columns: [ColumnQuality]
    public var rejectsByReason: [RejectGroup]
    public var duplicates: Duplicates
    /// Agreement between fields of a row (birth date and sex against the ID number) and with
    /// other feeds already stored (the name on a death record against the person record); nil
    /// in reports kept before these checks existed.
    public var consistency: [ConsistencyCheck]? = nil

    /// One mapped column.
    public struct ColumnQuality: Codable, Sendable, Hashable {
        public var field: String
        /// The export's header, nil for a constant.
        public var column: String?
        public var nonEmpty: Int
        /// Values blamed for a rejected row (a row is rejected for its first fault only).
        public var invalid: Int
        /// Estimated distinct values among the accepted rows.
        public var distinct: Int
        /// non-empty / rows read.
        public var completeness: Double
        /// (non-empty − invalid) / non-empty.
        public var validity: Double
        /// distinct / non-empty values of accepted rows.
        public var uniqueness: Double

        enum CodingKeys: String, CodingKey {
            case field, column, invalid, distinct, completeness, validity, uniqueness
            case nonEmpty = "non_empty"
        }
    }

    /// Rejected rows that share a reason.
    public struct RejectGroup: Codable, Sendable, Hashable {
        public var code: String
        public var field: String?
        public var column: String?
        public var count: Int
        /// The reason of the first such row.
        public var reason: String
        /// A few lines with their (masked) values.
        public var examples: [Example]

        public struct Example: Codable, Sendable, Hashable {
            public var line: Int
            public var value: String?
        }
    }

    /// Accepted rows identical to an earlier accepted row of the same file.
    public struct Duplicates: Codable, Sendable, Hashable {
        public var count: Int
        public var examples: [Pair]
        /// Rows looked at (the check keeps one hash per row, up to a bound).
        public var checkedRows: Int

        public struct Pair: Codable, Sendable, Hashable {
            public var line: Int
            public var sameAsLine: Int
            enum CodingKeys: String, CodingKey {
                case line
                case sameAsLine = "same_as_line"
            }
        }

        enum CodingKeys: String, CodingKey {
            case count, examples
            case checkedRows = "checked_rows"
        }
    }

    enum CodingKeys: String, CodingKey {
        case file, feed, record, sha256, encoding, accepted, rejected, refused, cleaning, columns, duplicates, consistency
        case specVersion = "spec_version"
        case rowsRead = "rows_read"
        case rejectRate = "reject_rate"
        case maxRejectRate = "max_reject_rate"
        case rejectsByReason = "rejects_by_reason"
    }

    /// The report as JSON (sorted keys; pretty when asked).
    public func json(pretty: Bool = false) -> String {
        QualityJSON.encode(self, pretty: pretty)
    }
}

/// The quality of a whole ingest run: one report per file.
public struct BatchQualityReport: Codable, Sendable, Hashable {
    /// The batch written, nil for a dry run, a refused batch or nothing new.
    public var batchID: Int64?
    public var dryRun: Bool
    /// Why nothing was written, when the batch was refused.
    public var refusedBecause: String?
    public var files: [FileQualityReport]

    public init(batchID: Int64?, dryRun: Bool, refusedBecause: String?, files: [FileQualityReport]) {
        self.batchID = batchID
        self.dryRun = dryRun
        self.refusedBecause = refusedBecause
        self.files = files
    }

    enum CodingKeys: String, CodingKey {
        case files
        case batchID = "batch_id"
        case dryRun = "dry_run"
        case refusedBecause = "refused_because"
    }

    public func json(pretty: Bool = true) -> String { QualityJSON.encode(self, pretty: pretty) }
}

enum QualityJSON {
    static func encode(_ value: some Encodable, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and finite doubles always encode.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
