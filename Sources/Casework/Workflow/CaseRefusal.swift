/// Why a step on a case is refused: a stable code (the API returns it) and a reason in
/// Simplified Chinese that says what is wrong and what to do.
///
/// Refusals are expected outcomes, returned as values by the state machines; the store throws
/// them when it cannot carry a step out. Two refusals are equal when their codes are.
public struct CaseRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of refusal.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case forbidden
            case invalidTransition = "invalid_transition"
            case reasonRequired = "reason_required"
            case appealWindowClosed = "appeal_window_closed"
            case secondPersonRequired = "second_person_required"
            case signOffRequired = "sign_off_required"
            case measuresUnfinished = "measures_unfinished"
            case invalidAmount = "invalid_amount"
            case invalidInput = "invalid_input"
            case noStaff = "no_staff"
            case notFound = "not_found"
            case staleVersion = "stale_version"
            case evidenceTooLarge = "evidence_too_large"
            case evidenceType = "evidence_type"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The actor's role or region may not take this step.
        public static let forbidden = Code(.forbidden)
        /// The step does not apply to the case's current state.
        public static let invalidTransition = Code(.invalidTransition)
        /// The step needs a written reason.
        public static let reasonRequired = Code(.reasonRequired)
        /// An appeal came after the time limit.
        public static let appealWindowClosed = Code(.appealWindowClosed)
        /// The step must be taken by someone other than a named person (the decider).
        public static let secondPersonRequired = Code(.secondPersonRequired)
        /// A supervised case needs the supervisor's sign-off first.
        public static let signOffRequired = Code(.signOffRequired)
        /// An enforcement measure is not finished.
        public static let measuresUnfinished = Code(.measuresUnfinished)
        /// An amount is zero, negative or larger than what is outstanding.
        public static let invalidAmount = Code(.invalidAmount)
        /// Some other input is missing or malformed.
        public static let invalidInput = Code(.invalidInput)
        /// Nobody can be assigned.
        public static let noStaff = Code(.noStaff)
        /// No such case (or not in the caller's region).
        public static let notFound = Code(.notFound)
        /// Someone else changed the case since the caller read it (optimistic locking).
        public static let staleVersion = Code(.staleVersion)
        /// An evidence file is larger than the limit.
        public static let evidenceTooLarge = Code(.evidenceTooLarge)
        /// An evidence file's content is not an allowed type.
        public static let evidenceType = Code(.evidenceType)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// What is wrong and what to do, in Simplified Chinese.
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code): \(reason)" }

    public static func == (lhs: CaseRefusal, rhs: CaseRefusal) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
