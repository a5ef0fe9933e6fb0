public import Foundation

/// A job run inside the server process (the server holds the ledger, so an audit or an import
/// runs there rather than beside it).
public struct ServerJob: Sendable, Hashable, Codable {
    /// What the job does.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The batch audit with the managed rule library.
        case audit
        /// An import of a folder of canonical CSV files already on the server.
        case `import`
    }

    /// Where the job is.
    public enum Status: String, Sendable, Hashable, Codable {
        case queued, running, succeeded, failed
        /// Stopped by an admin before it wrote anything (migration 015).
        case cancelled

        /// Whether the job has ended (nothing more will change it).
        public var isFinished: Bool { self == .succeeded || self == .failed || self == .cancelled }
    }

    public var id: Int64
    public var kind: Kind
    /// The import's folder (nil for an audit).
    public var argument: String?
    public var status: Status
    public var requestedBy: String
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// The outcome for people (Chinese): counts on success, the reason on failure.
    public var message: String?

    public init(
        id: Int64, kind: Kind, argument: String?, status: Status, requestedBy: String, createdAt: Date,
        startedAt: Date? = nil, finishedAt: Date? = nil, message: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.argument = argument
        self.status = status
        self.requestedBy = requestedBy
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.message = message
    }
}
