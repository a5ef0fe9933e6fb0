/// Why a risk model cannot be trained, loaded or used: what went wrong, where (file, line,
/// column) and what to do.
///
/// Compared by `code` only, so tests can match the kind of error without the wording.
public struct RiskModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of error.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case unreadableFile = "unreadable_file"
            case badCSV = "bad_csv"
            case missingColumn = "missing_column"
            case badValue = "bad_value"
            case badLabel = "bad_label"
            case oneClass = "one_class"
            case emptyData = "empty_data"
            case noUsableFeature = "no_usable_feature"
            case badParameter = "bad_parameter"
            case newerFormat = "newer_format"
            case hashMismatch = "hash_mismatch"
            case badModelFile = "bad_model_file"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        public var description: String { base.rawValue }

        /// A file that cannot be read at all.
        public static let unreadableFile = Code(.unreadableFile)
        /// A malformed CSV row (unterminated quote, wrong number of fields).
        public static let badCSV = Code(.badCSV)
        /// A column the model or the command needs is not in the header.
        public static let missingColumn = Code(.missingColumn)
        /// A cell that cannot be a feature value (text in a numeric column, infinity).
        public static let badValue = Code(.badValue)
        /// A label that is not 0/1 (or true/false), or is missing.
        public static let badLabel = Code(.badLabel)
        /// Every training label is the same class.
        public static let oneClass = Code(.oneClass)
        /// No rows to train on.
        public static let emptyData = Code(.emptyData)
        /// Every feature is constant or empty.
        public static let noUsableFeature = Code(.noUsableFeature)
        /// A training parameter out of range.
        public static let badParameter = Code(.badParameter)
        /// A model file written by a newer FundWatch.
        public static let newerFormat = Code(.newerFormat)
        /// A model file whose content does not match its SHA-256 (edited or damaged).
        public static let hashMismatch = Code(.hashMismatch)
        /// A model file that is not a FundWatch risk model.
        public static let badModelFile = Code(.badModelFile)
    }

    /// The kind of error.
    public let code: Code
    /// The whole message: where, what, and what to do.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func == (lhs: RiskModelError, rhs: RiskModelError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
