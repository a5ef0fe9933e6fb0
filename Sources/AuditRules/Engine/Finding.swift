public import FundWatchCore

/// A suspicion (疑点) raised by one rule version about one person, with its evidence.
public struct Finding: Sendable, Hashable, Codable {
    public var ruleID: String
    public var ruleVersion: Int
    public var idNumber: String
    public var severity: Severity
    /// Ids of the records that triggered the rule (payment ids, settlement ids, …), in time order.
    public var records: [String]
    /// Money at stake, in fen.
    public var amountAtRisk: Money
    /// The largest threshold score among the hits (0 without thresholds).
    public var score: Double
    /// The rule's explanation for the first hit, in Chinese.
    public var explanation: String
    /// Whether the rule runs in shadow: recorded, but raising no alert.
    public var shadow: Bool = false
    /// A suspicion to investigate, or a conflict between records to verify.
    public var kind: FindingKind = .fraud

    enum CodingKeys: String, CodingKey {
        case ruleID = "rule_id", ruleVersion = "rule_version", idNumber = "id_number", severity, records
        case amountAtRisk = "amount_at_risk", score, explanation, shadow, kind
    }

    /// Creates a finding.
    public init(
        ruleID: String, ruleVersion: Int, idNumber: String, severity: Severity, records: [String], amountAtRisk: Money,
        score: Double, explanation: String, kind: FindingKind = .fraud
    ) {
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.idNumber = idNumber
        self.severity = severity
        self.records = records
        self.amountAtRisk = amountAtRisk
        self.score = score
        self.explanation = explanation
        self.kind = kind
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ruleID = try c.decode(String.self, forKey: .ruleID)
        ruleVersion = try c.decode(Int.self, forKey: .ruleVersion)
        idNumber = try c.decode(String.self, forKey: .idNumber)
        severity = try c.decode(Severity.self, forKey: .severity)
        records = try c.decode([String].self, forKey: .records)
        amountAtRisk = try c.decode(Money.self, forKey: .amountAtRisk)
        score = try c.decodeIfPresent(Double.self, forKey: .score) ?? 0
        explanation = try c.decode(String.self, forKey: .explanation)
        shadow = try c.decodeIfPresent(Bool.self, forKey: .shadow) ?? false
        kind = try c.decodeIfPresent(FindingKind.self, forKey: .kind) ?? .fraud
    }
}

extension Finding {
    /// The batch order: by ID number, rule, then evidence, so equal inputs give equal output.
    static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.idNumber != b.idNumber { return a.idNumber < b.idNumber }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        if a.records != b.records { return a.records.lexicographicallyPrecedes(b.records) }
        return a.explanation < b.explanation
    }
}
