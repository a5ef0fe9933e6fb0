public import FundWatchCore

/// The answer to a pre-payment check.
public struct PaymentDecision: Sendable {
    /// What to do with the payment.
    public enum Action: String, Sendable, Codable {
        /// No rule objects.
        case allow
        /// An orange or yellow finding: hold for a person to look at.
        case review
        /// A red finding: do not pay.
        case block
    }

    public let action: Action
    /// The findings about this payment (shadow findings included, though they never change the action).
    public let findings: [Finding]
    public let failures: [RuleFailure]
}

extension RuleEngine {
    /// Checks one payment before it leaves, against the person's timeline as it would be once paid.
    /// Only the payment-scoped rules run, and only on this payment.
    public func check(_ payment: BenefitPayment, timeline: PersonTimeline?, index: PopulationIndex = .empty) -> PaymentDecision {
        let (t, position) = (timeline ?? PersonTimeline(idNumber: payment.idNumber)).insertingPayment(payment)
        let bound = BoundTimeline(t, index: index)
        var findings = [Finding]()
        var failures = [RuleFailure]()
        let scratch = makeScratch()
        for (i, rule) in rules.enumerated() where rule.spec.scope == .benefitPayment {
            let outcome =
                plans.isEmpty || position == nil
                ? rule.evaluate(bound, focus: payment.paymentID) : plans[i].evaluate(bound, scratch: scratch, only: position)
            switch outcome {
            case .passes: break
            case .flags(let f): findings.append(f)
            case .failed(let e): failures.append(e)
            }
        }
        let alerting = findings.filter { !$0.shadow }
        let action: PaymentDecision.Action =
            alerting.contains { $0.severity == .red } ? .block : (alerting.isEmpty && failures.isEmpty ? .allow : .review)
        return PaymentDecision(action: action, findings: findings, failures: failures)
    }
}
