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
    /// How long the server trusts that the population and the blacklist it holds are current
    /// before asking the database again (one statement); zero asks before every check.
    let recheckInterval: Duration
    let memory: PaymentCheckMemory

    public init(database: FundWatchDatabase, engine: RuleEngine) {
        self.database = database
        self.currentEngine = { engine }
        self.population = nil
        self.recheckInterval = .zero
        self.memory = PaymentCheckMemory()
    }

    /// A check over the library's enabled rules as they are at each call, over `population`
    /// while it is current. With a `recheckInterval`, a check whose population and blacklist
    /// were verified current less than that long ago runs without any I/O: a record imported or
    /// a payee blacklisted by another process counts from the next verification, at most
    /// `recheckInterval` later.
    public init(
        database: FundWatchDatabase, rules: RuleLibrary, population: PaymentPopulation? = nil,
        recheckInterval: Duration = .zero, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.database = database
        self.currentEngine = { rules.engine }
        self.population = population
        self.recheckInterval = recheckInterval
        self.memory = PaymentCheckMemory(clock: clock)
    }

    /// The decision and the timeline it was made on (for masking explanations).
    public struct Outcome: Sendable {
        public let decision: PaymentDecision
        public let timeline: PersonTimeline?
        /// Wall time of the rule evaluation alone.
        public let evaluationNanoseconds: UInt64
        /// Whether the check ran on what the server holds in memory, without reading the database.
        public let fromMemory: Bool
    }

    /// Checks one payment (not recorded: call `record` before acting on the decision).
    public func check(_ payment: BenefitPayment) async throws -> Outcome {
        if let outcome = checkFromMemory(payment) { return outcome }
        // Verify only when the last verification is old: while the population is being rebuilt
        // the view is fresh but names newer records, and checks read the database below.
        if recheckInterval > .zero, population != nil, memory.view(within: recheckInterval) == nil {
            try await memory.verify { try await self.reverify() }
            if let outcome = checkFromMemory(payment) { return outcome }
        }
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
        let (decision, elapsed) = evaluate(payment, timeline: timeline, index: index)
        return Outcome(
            decision: Self.escalated(decision, blacklisted: try await listed), timeline: timeline,
            evaluationNanoseconds: elapsed, fromMemory: false)
    }

    /// The check without any I/O, when the population and the blacklist in memory were verified
    /// current less than `recheckInterval` ago; nil otherwise (then `check` reads the database).
    public func checkFromMemory(_ payment: BenefitPayment) -> Outcome? {
        guard recheckInterval > .zero, let population,
            let view = memory.view(within: recheckInterval, verifyingAhead: { try await self.reverify() }),
            let snapshot = population.latest, snapshot.generation == view.records
        else { return nil }
        let timeline = snapshot.timeline(for: payment.idNumber)
        let (decision, elapsed) = evaluate(payment, timeline: timeline, index: snapshot.index)
        let listed = view.blacklist.entries(for: payment.idNumber.value, on: Self.blacklistDate(of: payment))
        return Outcome(
            decision: Self.escalated(decision, blacklisted: Self.blacklistFindings(listed, payment: payment)),
            timeline: timeline, evaluationNanoseconds: elapsed, fromMemory: true)
    }

    /// The payee's region as the population knows it (nil when it does not, or is not current).
    public func regionFromMemory(of id: IDNumber) -> String? {
        guard recheckInterval > .zero, let population, let view = memory.view(within: recheckInterval),
            let snapshot = population.latest, snapshot.generation == view.records
        else { return nil }
        return snapshot.timeline(for: id)?.person?.regionCode
    }

    /// Asks the database where the records and the blacklist stand (one statement), reloads the
    /// blacklist if it moved, and starts a rebuild of the population if the records did.
    func reverify() async throws {
        let started = memory.now()
        let version = try await database.paymentCheckVersion()
        var blacklist = memory.blacklist(at: version.blacklist)
        if blacklist == nil { blacklist = try await database.blacklistInForce() }
        _ = population?.snapshot(matching: version.records)
        memory.store(records: version.records, blacklist: blacklist!, verifiedAt: started)
    }

    func evaluate(
        _ payment: BenefitPayment, timeline: PersonTimeline?, index: PopulationIndex
    ) -> (PaymentDecision, UInt64) {
        let start = DispatchTime.now().uptimeNanoseconds
        let decision = currentEngine().check(payment, timeline: timeline, index: index)
        return (decision, DispatchTime.now().uptimeNanoseconds - start)
    }

    /// A payee on the casework blacklist (联合惩戒) is held for review whatever the rules say.
    static func escalated(_ decision: PaymentDecision, blacklisted: [Finding]) -> PaymentDecision {
        blacklisted.isEmpty ? decision : decision.escalated(to: .review, adding: blacklisted)
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
        Self.blacklistFindings(
            try await database.activeBlacklistEntries(subjectIDs: [payment.idNumber.value], on: Self.blacklistDate(of: payment)),
            payment: payment)
    }

    /// The date a listing must be in force on to hold a payment: its pay date, else the first
    /// day of its period.
    static func blacklistDate(of payment: BenefitPayment) -> CivilDate {
        payment.payDate ?? CivilDate(year: payment.period.year, month: payment.period.month, day: 1)!
    }

    static func blacklistFindings(_ entries: [Identified<BlacklistEntry>], payment: BenefitPayment) -> [Finding] {
        entries.map { listed in
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

    /// Records a decision in the ledger at once and indexes its entry by subject in `region`, so
    /// that it is found within that region (`GET /api/v1/ledger/entries?subject=`) like the API's
    /// decisions, which the commit queue indexes after each group commit. `fundwatch check-payment`
    /// calls it. A failure to index leaves the entry in the ledger (found by its index) and is thrown
    /// as `SubjectNotIndexed`, which names that index.
    @discardableResult
    public static func record(
        _ decision: PaymentDecision, payment: BenefitPayment, region: String?, actor: String, trail: AuditTrail,
        indexingIn database: FundWatchDatabase
    ) throws -> UInt64 {
        let index = try record(decision, payment: payment, actor: actor, trail: trail)
        do {
            try database.indexLedgerSubjects([
                LedgerSubjectRow(subject: ledgerSubject(of: payment), entryIndex: index, regionCode: region)
            ])
        } catch {
            throw SubjectNotIndexed(entryIndex: index, underlying: error)
        }
        return index
    }

    /// A decision recorded in the ledger as entry `entryIndex` whose subject could not be indexed.
    public struct SubjectNotIndexed: Error, CustomStringConvertible {
        public let entryIndex: UInt64
        public let underlying: any Error
        public var description: String {
            "recorded as ledger entry \(entryIndex), but not indexed by subject (\(underlying)); it is found by its index"
        }
    }

    /// The ledger record of a decision, for callers that commit it themselves.
    public static func ledgerRecord(
        _ decision: PaymentDecision, payment: BenefitPayment, actor: String
    ) throws -> AuditTrail.Record {
        AuditTrail.Record(
            type: .paymentCheck, actor: actor, subject: ledgerSubject(of: payment),
            payload: PaymentDecisionJSON.payload(decision, paymentID: payment.paymentID))
    }

    /// The subject of a decision's ledger entry.
    public static func ledgerSubject(of payment: BenefitPayment) -> String {
        "payment/\(payment.paymentID)"
    }

    /// The canonical JSON of a decision: what the ledger entry's hash covers (the same bytes
    /// `JSONEncoder` with sorted keys writes; see `PaymentDecisionJSON`).
    public static func payload(_ decision: PaymentDecision, payment: BenefitPayment) throws -> Data {
        Data(PaymentDecisionJSON.payload(decision, paymentID: payment.paymentID))
    }

    /// Parses a payment from a JSON object of canonical `benefit_payment` fields (numbers and
    /// strings both accepted); the error names the field and what is wrong.
    public static func payment(fromJSON data: Data, today: CivilDate) throws -> BenefitPayment {
        try payment(fromJSONBytes: data, today: today)
    }

    /// As `payment(fromJSON:today:)`, from any bytes (the request body as it came).
    public static func payment(fromJSONBytes bytes: some Collection<UInt8>, today: CivilDate) throws -> BenefitPayment {
        let fields: [String: String]
        do {
            fields = try FlatJSONObject.parse(bytes)
        } catch {
            throw PaymentInputError("the payment must be a JSON object of benefit_payment fields: \(error)")
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
