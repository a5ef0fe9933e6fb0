/// A witness's refusal of an `add-checkpoint` request, with the HTTP status code that
/// C2SP tlog-witness assigns to it.
public struct WitnessError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of refusal.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case badRequest, unknownOrigin, untrustedSignature, sizeConflict, inconsistent, storage
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        public var description: String { base.rawValue }

        /// 400: malformed request, or old size larger than the checkpoint size.
        public static let badRequest = Code(.badRequest)
        /// 404: the checkpoint's origin is not a log this witness follows.
        public static let unknownOrigin = Code(.unknownOrigin)
        /// 403: no valid signature from a trusted log key, or a trusted key's signature fails.
        public static let untrustedSignature = Code(.untrustedSignature)
        /// 409: the old size is not the size the witness last cosigned (a rollback or a stale log view).
        public static let sizeConflict = Code(.sizeConflict)
        /// 422: the consistency proof fails, or the tree does not extend the witnessed one (a fork).
        public static let inconsistent = Code(.inconsistent)
        /// 500: the witness could not persist its state.
        public static let storage = Code(.storage)
    }

    /// The kind of refusal.
    public let code: Code
    /// A human-readable explanation.
    public let reason: String
    /// For `sizeConflict`: the size the witness last cosigned (the 409 response body).
    public let witnessedSize: UInt64?

    /// Creates a refusal.
    public init(_ code: Code, _ reason: String, witnessedSize: UInt64? = nil) {
        self.code = code
        self.reason = reason
        self.witnessedSize = witnessedSize
    }

    /// The HTTP status code of the refusal.
    public var status: Int {
        switch code {
        case .badRequest: 400
        case .unknownOrigin: 404
        case .untrustedSignature: 403
        case .sizeConflict: 409
        case .inconsistent: 422
        default: 500
        }
    }

    /// The HTTP response body: for 409 the witnessed size and a newline
    /// (`Content-Type: text/x.tlog.size`), otherwise the reason.
    public var responseBody: String {
        if code == .sizeConflict, let witnessedSize { return "\(witnessedSize)\n" }
        return reason + "\n"
    }

    public var description: String { "\(status) \(code): \(reason)" }

    public static func == (lhs: WitnessError, rhs: WitnessError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
