/// A refusal of the collaboration workflows: a transition that is not allowed from the current
/// state, an answer that does not fit the question, a clue sent to a region that cannot take it.
///
/// `code` is stable (the API returns it); `reason` says what is wrong and what to do, in
/// Simplified Chinese, since staff read it. Errors compare equal by code only.
public struct CollaborationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of refusal.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidTransition = "invalid_transition"
            case invalidInput = "invalid_input"
            case wrongDepartment = "wrong_department"
            case answerMismatch = "answer_mismatch"
            case unknownRegion = "unknown_region"
            case ownRegion = "own_region"
            case reasonRequired = "reason_required"
            case secondPersonRequired = "second_person_required"
            case notFound = "not_found"
            case forbidden
            case staleVersion = "stale_version"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The event is not allowed in the object's current state.
        public static let invalidTransition = Code(.invalidTransition)
        /// A required field is missing or malformed.
        public static let invalidInput = Code(.invalidInput)
        /// The department cannot answer this kind of request.
        public static let wrongDepartment = Code(.wrongDepartment)
        /// The structured answer is for another kind of request.
        public static let answerMismatch = Code(.answerMismatch)
        /// A region code that the catalog does not know.
        public static let unknownRegion = Code(.unknownRegion)
        /// A clue addressed to the sender's own region.
        public static let ownRegion = Code(.ownRegion)
        /// The step needs a written reason.
        public static let reasonRequired = Code(.reasonRequired)
        /// The step must be taken by someone other than who took the previous one.
        public static let secondPersonRequired = Code(.secondPersonRequired)
        /// No such object in the caller's view (or none at all: the two are not told apart).
        public static let notFound = Code(.notFound)
        /// The caller sees the object but may not take this step from their side.
        public static let forbidden = Code(.forbidden)
        /// The object changed since the caller read it (optimistic locking).
        public static let staleVersion = Code(.staleVersion)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code): \(reason)" }

    public static func == (lhs: CollaborationError, rhs: CollaborationError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
