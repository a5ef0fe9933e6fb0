import Foundation

/// What a witness remembers: for each log it follows, the trusted verifier keys and the
/// latest checkpoint it cosigned. Stored as JSON in the witness's state file.
public struct WitnessState: Codable, Hashable, Sendable {
    /// One followed log.
    public struct LogRecord: Codable, Hashable, Sendable {
        /// Verifier keys trusted for the log's checkpoints.
        public var verifierKeys: [String]
        /// Size of the latest cosigned checkpoint (0 if none).
        public var size: UInt64
        /// Base64 root of the latest cosigned checkpoint (nil if none).
        public var root: String?
        /// The latest cosigned checkpoint note with the log's and this witness's signatures,
        /// as served at `<monitoring prefix>/<origin hash>/checkpoint`.
        public var checkpoint: String?

        enum CodingKeys: String, CodingKey {
            case verifierKeys = "verifier_keys", size, root, checkpoint
        }

        /// Creates a record for a log not yet cosigned.
        public init(verifierKeys: [String], size: UInt64 = 0, root: String? = nil) {
            self.verifierKeys = verifierKeys
            self.size = size
            self.root = root
        }
    }

    /// Followed logs by origin.
    public var logs: [String: LogRecord]

    /// Creates a state.
    public init(logs: [String: LogRecord] = [:]) { self.logs = logs }

    /// Parses a state file.
    public init(json: [UInt8]) throws {
        do {
            self = try JSONDecoder().decode(WitnessState.self, from: Data(json))
        } catch {
            throw LedgerError(.malformedWitnessState, "witness state is not valid JSON of the expected shape: \(error)")
        }
    }

    /// The state file's bytes (sorted keys, so the file is stable).
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
