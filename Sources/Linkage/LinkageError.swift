/// Why a linkage run cannot go on: what went wrong, where (file, key or column) and what to do.
///
/// Compared by `code` only, so tests can match the kind of error without the wording.
public struct LinkageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of error.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case unreadableFile = "unreadable_file"
            case badCSV = "bad_csv"
            case missingColumn = "missing_column"
            case duplicateID = "duplicate_id"
            case badConfig = "bad_config"
            case unknownKey = "unknown_key"
            case badLevel = "bad_level"
            case tooManyPairs = "too_many_pairs"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        public var description: String { base.rawValue }

        public static let unreadableFile = Code(.unreadableFile)
        public static let badCSV = Code(.badCSV)
        public static let missingColumn = Code(.missingColumn)
        public static let duplicateID = Code(.duplicateID)
        public static let badConfig = Code(.badConfig)
        public static let unknownKey = Code(.unknownKey)
        public static let badLevel = Code(.badLevel)
        public static let tooManyPairs = Code(.tooManyPairs)
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

    public static func == (lhs: LinkageError, rhs: LinkageError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
