public import AuditRules
public import Foundation
public import FundWatchCore
public import Storage
import Casework
import Ledger

/// The real-time pre-payment check (发放前校验), shared by `POST /api/v1/payments/check` and
/// `fundwatch check-payment`: the payment-scoped rules over the payee's timeline and
/// neighbourhood, and the decision recorded in the ledger before anyone acts on it.
public struct PaymentCheckService: Sendable {
    let database: FundWatchDatabase
    /// The engine to run, read per check: the web app's library changes when a rule is edited
    /// or switched off; the CLI passes a fixed one.
    let currentEngine: @Sendable () -> RuleEngine
    /// The population in memory (the server's); nil reads each payee's neighbourhood from the database.
    let population: PaymentPopulation?

    public init(database: FundWatchDatabase, engine: RuleEngine) {
        self.database = database
        self.currentEngine = { engine }
        self.population = nil
    }

    /// A check over the library's enabled rules as they are at each call, over `population`
    /// while it is current.
    public init(database: FundWatchDatabase, rules: RuleLibrary, population: PaymentPopulation? = nil) {
        self.database = database
        self.currentEngine = { rules.engine }
        self.population = population
    }

    /// The decision and the timeline it was made on (for masking explanations).
    public struct Outcome: Sendable {
        public let decision: PaymentDecision
        public let timeline: PersonTimeline?
        /// Wall time of the rule evaluation alone.
        public let evaluationNanoseconds: UInt64
    }

    /// Checks one payment (not recorded: call `record` before acting on the decision).
    public func check(_ payment: BenefitPayment) async throws -> Outcome {
        // The blacklist changes with casework, not with records: read it whichever way the rest is.
        async let listed = blacklistFindings(for: payment)
        let timeline: PersonTimeline?
        let index: PopulationIndex
        if let snapshot = try await population?.current() {
            timeline = snapshot.timeline(for: payment.idNumber)
            index = snapshot.index
        } else {
            let read = try await readNeighbourhood(of: payment)
            timeline = read.timeline
            index = read.index
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var decision = currentEngine().check(payment, timeline: timeline, index: index)
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        // A payee on the casework blacklist (联合惩戒) is held for review whatever the rules say.
        let blacklisted = try await listed
        if !blacklisted.isEmpty { decision = decision.escalated(to: .review, adding: blacklisted) }
        return Outcome(decision: decision, timeline: timeline, evaluationNanoseconds: elapsed)
    }

    /// The payee's timeline and an index of the household and the account's holders, read from
    /// the database: enough of the population index for one payment.
    func readNeighbourhood(of payment: BenefitPayment) async throws -> (timeline: PersonTimeline?, index: PopulationIndex) {
        // The two reads run side by side on the pool's readers: a check waits for the slower, not both.
        async let payee = database.timeline(for: payment.idNumber)
        // The household and the account's holders: enough of the population index for one payment.
        async let neighbours = database.neighbourhood(of: payment.idNumber, account: payment.bankAccount)
        let timeline = try await payee
        var builder = PopulationIndex.Builder()
        for t in try await neighbours { builder.add(t) }
        if let timeline { builder.add(timeline) }
        return (timeline, builder.build())
    }

    /// The rule id of findings raised by the blacklist check.
    public static let blacklistRuleID = "casework_blacklist"

    /// A finding for each blacklist entry in force for the payee on the payment's date (its pay
    /// date, else the first day of its period).
    func blacklistFindings(for payment: BenefitPayment) async throws -> [Finding] {
        let date = payment.payDate ?? CivilDate(year: payment.period.year, month: payment.period.month, day: 1)!
        return try await database.activeBlacklistEntries(subjectIDs: [payment.idNumber.value], on: date).map { listed in
            let e = listed.value
            return Finding(
                ruleID: Self.blacklistRuleID, ruleVersion: 1, idNumber: payment.idNumber.value, severity: .orange,
                records: [payment.paymentID], amountAtRisk: payment.amount, score: 0,
                explanation: "收款人在黑名单（联合惩戒）中：\(e.reason)；期限 \(e.start) 至 \(e.end)；依据案件 \(e.sourceCaseID) 的处理决定。请人工复核后再发放")
        }
    }

    /// Records a decision in the ledger: subject the payment id, payload the decision's canonical
    /// JSON (only its hash enters the log, so no personal data does). Returns the entry's index.
    @discardableResult
    public static func record(
        _ decision: PaymentDecision, payment: BenefitPayment, actor: String, trail: AuditTrail
    ) throws -> UInt64 {
        try trail.record(try ledgerRecord(decision, payment: payment, actor: actor))
    }

    /// The ledger record of a decision, for callers that commit it themselves.
    public static func ledgerRecord(
        _ decision: PaymentDecision, payment: BenefitPayment, actor: String
    ) throws -> AuditTrail.Record {
        AuditTrail.Record(
            type: .paymentCheck, actor: actor, subject: "payment/\(payment.paymentID)",
            payload: try payload(decision, payment: payment))
    }

    /// The canonical JSON of a decision: what the ledger entry's hash covers.
    public static func payload(_ decision: PaymentDecision, payment: BenefitPayment) throws -> Data {
        struct Payload: Encodable {
            let payment_id: String
            let action: String
            let findings: [Finding]
            let failures: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(
            Payload(
                payment_id: payment.paymentID, action: decision.action.rawValue, findings: decision.findings,
                failures: decision.failures.map(\.description)))
    }

    /// Parses a payment from a JSON object of canonical `benefit_payment` fields (numbers and
    /// strings both accepted); the error names the field and what is wrong.
    public static func payment(fromJSON data: Data, today: CivilDate) throws -> BenefitPayment {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PaymentInputError("the payment must be a JSON object of benefit_payment fields")
        }
        var fields = [String: String]()
        for (key, value) in object {
            if value is NSNull { continue }
            fields[key] = (value as? String) ?? "\(value)"
        }
        do {
            return try BenefitPayment(row: CanonicalRow(fields, today: today))
        } catch {
            throw PaymentInputError("the payment is not a valid benefit_payment: \(error)")
        }
    }
}

/// A payment that cannot be checked: what is wrong with it.
public struct PaymentInputError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
