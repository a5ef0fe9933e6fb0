/// A refusal of the web store: a user, session, token or alert action that cannot be carried out.
///
/// `code` is stable (the API returns it); `message` says what is wrong and what to do, in
/// Simplified Chinese since people read it in the app.
public struct WebStoreError: Error, Hashable, CustomStringConvertible {
    /// The kinds of refusal.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidUser = "invalid_user"
            case duplicateUser = "duplicate_user"
            case unknownUser = "unknown_user"
            case notFound = "not_found"
            case invalidTransition = "invalid_transition"
            case reasonRequired = "reason_required"
            case secondPersonRequired = "second_person_required"
            case forbidden
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let invalidUser = Code(.invalidUser)
        public static let duplicateUser = Code(.duplicateUser)
        public static let unknownUser = Code(.unknownUser)
        public static let notFound = Code(.notFound)
        public static let invalidTransition = Code(.invalidTransition)
        public static let reasonRequired = Code(.reasonRequired)
        public static let secondPersonRequired = Code(.secondPersonRequired)
        public static let forbidden = Code(.forbidden)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: WebStoreError, rhs: WebStoreError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
