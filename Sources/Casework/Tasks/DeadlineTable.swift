/// How many days each kind of work may take, by case type: configurable, with a default row for
/// types the table does not list. A pension case's verification may take 15 days, a medical
/// insurance case's 30, and so on.
public struct DeadlineTable: Sendable, Hashable, Codable {
    /// Days by task kind (a `CaseState` raw value, `appeal_review` or `enforcement`), by case type.
    public var byType: [String: [String: Int]]
    /// Days by task kind for every type not in `byType`.
    public var fallback: [String: Int]

    public init(byType: [String: [String: Int]] = [:], fallback: [String: Int] = DeadlineTable.defaultDays) {
        self.byType = byType
        self.fallback = fallback
    }

    /// The working time of the default table, in days.
    public static let defaultDays: [String: Int] = [
        CaseState.clue.rawValue: 5, CaseState.verification.rawValue: 15, CaseState.investigation.rawValue: 30,
        CaseState.decision.rawValue: 10, CaseState.enforcement.rawValue: 60, "appeal_review": 15,
    ]

    /// The days allowed for `kind` of work on a case of `caseType` (30 when nothing says).
    public func days(_ kind: String, caseType: String) -> Int {
        byType[caseType]?[kind] ?? fallback[kind] ?? 30
    }
}
