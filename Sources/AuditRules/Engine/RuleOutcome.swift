public import CEL

/// What one rule concluded about one person. Expected outcomes are values, never thrown.
public enum RuleOutcome: Sendable {
    /// The rule found nothing.
    case passes
    /// The rule flagged the person.
    case flags(Finding)
    /// The rule could not be evaluated for this person (a CEL runtime error, a cost budget
    /// exceeded); the batch goes on and reports it.
    case failed(RuleFailure)
}

/// A rule that failed at run time on one person (and, for record rules, one record).
public struct RuleFailure: Sendable, Hashable, CustomStringConvertible {
    public let ruleID: String
    public let idNumber: String
    public let record: String?
    public let error: CELError

    public var description: String {
        "\(ruleID) on \(idNumber)\(record.map { " record \($0)" } ?? ""): \(error.code): \(error.reason)"
    }
}
