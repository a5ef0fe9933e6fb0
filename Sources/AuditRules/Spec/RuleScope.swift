/// What a rule is evaluated over: the whole person once, or each record of one type.
public enum RuleScope: String, Sendable, Hashable, Codable, CaseIterable {
    case person
    case benefitPayment = "benefit_payment"
    case medicalSettlement = "medical_settlement"
    case enrollment
    case contribution
    case injuryClaim = "injury_claim"

    /// The CEL variable naming the record under evaluation (`payment`, `settlement`, …); nil for person scope.
    public var recordVariable: String? {
        switch self {
        case .person: nil
        case .benefitPayment: "payment"
        case .medicalSettlement: "settlement"
        case .enrollment: "enrollment"
        case .contribution: "contribution"
        case .injuryClaim: "injury"
        }
    }
}
