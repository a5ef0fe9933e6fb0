public import CEL

/// Host types and expressions shared by the CEL benchmarks (Benchmarks/CELEvaluation),
/// `fundwatch cel bench` and the peer script (Benchmarks/cel-peer.py evaluates the same rule over
/// the same data with cel-python).
public struct BenchPayment: CELObject {
    public static let celTypeName = "fundwatch.Payment"
    public let amount: Double
    public let benefit: String
    public let period: Int64

    public func field(named name: String) -> CELValue? {
        switch name {
        case "amount": return .double(amount)
        case "benefit": return .string(benefit)
        case "period": return .int(period)
        default: return nil
        }
    }
}

public struct BenchDeath: CELObject {
    public static let celTypeName = "fundwatch.Death"
    public let period: Int64

    public func field(named name: String) -> CELValue? { name == "period" ? .int(period) : nil }
}

public enum RuleFixtures {
    public static let rule = "p.amount > mean + 3.0 * sigma && p.benefit == 'pension' && p.period > d.period"

    /// Typical audit rules for the parse+check benchmark.
    public static let rules = [
        rule,
        "p.amount > 0.0 && p.benefit in ['pension', 'medical']",
        "p.period > d.period || (p.amount > mean && p.benefit.startsWith('pen'))",
        "size(p.benefit) > 3 && p.benefit.matches('^[a-z]+$')",
        "[p.amount, mean, sigma].exists(x, x > 10000.0)",
        "p.amount / (sigma + 1.0) > 3.0 ? true : p.period - d.period > 6",
    ]

    public static let payments: [BenchPayment] = (0..<1024).map { (index: Int) -> BenchPayment in
        let amount = Double(index % 100) * 50
        let benefit = index % 3 == 0 ? "pension" : "medical"
        return BenchPayment(amount: amount, benefit: benefit, period: 202_400 + Int64(index % 12))
    }
    public static let paymentValues: [CELValue] = payments.map { CELValue.object($0) }
    public static let death = BenchDeath(period: 202_405)

    public static func environment() -> CELEnvironment {
        var env = CELEnvironment()
        env.declareObject(BenchPayment.celTypeName, fields: ["amount": .double, "benefit": .string, "period": .int])
        env.declareObject(BenchDeath.celTypeName, fields: ["period": .int])
        env.declareVariable("p", type: .object(BenchPayment.celTypeName))
        env.declareVariable("d", type: .object(BenchDeath.celTypeName))
        env.declareVariable("mean", type: .double)
        env.declareVariable("sigma", type: .double)
        return env
    }

    /// The same predicate as a plain Swift closure.
    public static let closure: @Sendable (BenchPayment, BenchDeath, Double, Double) -> Bool = { p, d, mean, sigma in
        p.amount > mean + 3.0 * sigma && p.benefit == "pension" && p.period > d.period
    }
}
