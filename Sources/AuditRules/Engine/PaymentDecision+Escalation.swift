extension PaymentDecision {
    /// The decision with `extra` findings added and the action raised to at least `minimum`
    /// (never lowered): how checks outside the rule library, such as the casework blacklist,
    /// weigh in on a payment.
    public func escalated(to minimum: Action, adding extra: [Finding]) -> PaymentDecision {
        func rank(_ a: Action) -> Int {
            switch a {
            case .allow: 0
            case .review: 1
            case .block: 2
            }
        }
        return PaymentDecision(
            action: rank(minimum) > rank(action) ? minimum : action, findings: findings + extra, failures: failures)
    }
}
