/// An error from the Ledger module: what went wrong (`code`), why (`reason`), and where.
///
/// Errors compare equal by code only, so tests can match a kind of failure without
/// depending on the wording of its reason.
public struct LedgerError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of failure; new kinds can be added without breaking the API.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument, sizeOutOfRange, wrongProofSize, rootMismatch, invalidSubtree
            case malformedNote, malformedCheckpoint, malformedKey, unknownKey, badSignature
            case malformedEntry, entryTooLarge, storage, corruptTile, corruptEntryBundle, missingTile
            case checkpointMismatch, originMismatch, quorumNotMet, malformedPolicy, malformedWitnessState
            case keyExists
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        public var description: String { base.rawValue }

        /// An argument is outside what the operation accepts.
        public static let invalidArgument = Code(.invalidArgument)
        /// A tree size or index is out of range.
        public static let sizeOutOfRange = Code(.sizeOutOfRange)
        /// A proof has the wrong number of hashes.
        public static let wrongProofSize = Code(.wrongProofSize)
        /// A proof does not lead to the expected root.
        public static let rootMismatch = Code(.rootMismatch)
        /// A subtree range is not a valid subtree.
        public static let invalidSubtree = Code(.invalidSubtree)
        /// A signed note does not follow the signed-note format.
        public static let malformedNote = Code(.malformedNote)
        /// A note text is not a valid checkpoint.
        public static let malformedCheckpoint = Code(.malformedCheckpoint)
        /// A key (verifier or signer) cannot be parsed.
        public static let malformedKey = Code(.malformedKey)
        /// No signature from a trusted key is present.
        public static let unknownKey = Code(.unknownKey)
        /// A signature from a trusted key does not verify.
        public static let badSignature = Code(.badSignature)
        /// A log entry is not valid canonical JSON of the expected shape.
        public static let malformedEntry = Code(.malformedEntry)
        /// A log entry is longer than an entry bundle can hold (65,535 bytes).
        public static let entryTooLarge = Code(.entryTooLarge)
        /// Reading or writing storage failed.
        public static let storage = Code(.storage)
        /// A hash tile is truncated or its hashes do not match what was recomputed.
        public static let corruptTile = Code(.corruptTile)
        /// An entry bundle is truncated, malformed or does not match the level-0 tile.
        public static let corruptEntryBundle = Code(.corruptEntryBundle)
        /// A tile or entry bundle that the checkpoint requires is absent.
        public static let missingTile = Code(.missingTile)
        /// The stored tree does not match its signed checkpoint.
        public static let checkpointMismatch = Code(.checkpointMismatch)
        /// A checkpoint is for another origin.
        public static let originMismatch = Code(.originMismatch)
        /// Fewer witnesses cosigned than the policy requires.
        public static let quorumNotMet = Code(.quorumNotMet)
        /// A log policy cannot be parsed or is inconsistent.
        public static let malformedPolicy = Code(.malformedPolicy)
        /// A witness state file cannot be parsed.
        public static let malformedWitnessState = Code(.malformedWitnessState)
        /// Refused to overwrite an existing key file.
        public static let keyExists = Code(.keyExists)
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable explanation.
    public let reason: String
    /// Where the error was raised.
    public let file: String
    /// The line where the error was raised.
    public let line: Int

    /// Creates an error of the given kind.
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String { "\(code): \(reason)" }

    public static func == (lhs: LedgerError, rhs: LedgerError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
