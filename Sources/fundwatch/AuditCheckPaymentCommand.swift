import ArgumentParser
import Ledger
import AuditRules
import Foundation
import FundWatchCore
import Storage
import WebApp

/// `fundwatch check-payment`: the pre-payment check for one payment.
struct AuditCheckPaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-payment",
        abstract: "Check one benefit payment before it leaves (发放前校验): allow, review or block, with the findings.",
        discussion: """
            The payment is a JSON object with the benefit_payment fields of the data standard, e.g. \
            '{"payment_id":"P1","id_number":"…","benefit":"pension","period":"2026-01","amount":300000}'. \
            Cross-person facts come from the payee's household and the account's holders only; an account \
            shared by many households and operators paying relatives are left to the nightly audit.
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "The payment as a JSON object of canonical fields.")
    var json: String

    @Option(help: "A folder of rule YAML files (default: the built-in library).")
    var rules: String?

    @Flag(help: "Show names and account numbers in the explanations unmasked (authorised staff only).")
    var reveal = false

    func run() async throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw ValidationError("--json must be a JSON object")
        }
        var fields = [String: String]()
        for (key, value) in object {
            if value is NSNull { continue }
            fields[key] = (value as? String) ?? "\(value)"
        }
        let payment: BenefitPayment
        do {
            payment = try BenefitPayment(row: CanonicalRow(fields, today: SystemClock.today))
        } catch {
            throw ValidationError("the payment is not a valid benefit_payment: \(error)")
        }
        let database = try options.openExisting()
        let engine = try await AuditRunner.engine(database: database, rulesFolder: rules)
        let outcome = try await PaymentCheckService(database: database, engine: engine).check(payment)
        let decision = outcome.decision
        let timeline = outcome.timeline
        let micros = Double(outcome.evaluationNanoseconds) / 1000
        print("\(decision.action.rawValue)  (\(String(format: "%.0f", micros)) µs)")
        for f in decision.findings {
            let text = reveal ? f.explanation : Self.mask(f.explanation, timeline: timeline, payment: payment)
            print("  \(f.severity.chinese) \(f.ruleID) v\(f.ruleVersion)\(f.shadow ? " [shadow]" : ""): \(text)")
        }
        for e in decision.failures { printError("rule failed: \(e)") }
        // The payment's region, else the payee's: where the decision is found by subject.
        var region = payment.regionCode ?? timeline?.person?.regionCode
        if region == nil { region = try await database.personRegion(payment.idNumber) }
        try Self.record(decision, payment: payment, region: region, database: database, data: options.data)
    }

    /// The explanation with the person's name and the account numbers masked.
    static func mask(_ text: String, timeline: PersonTimeline?, payment: BenefitPayment) -> String {
        var out = text
        if let name = timeline?.person?.name, !name.isEmpty {
            out = out.replacingOccurrences(of: name, with: PersonTimeline.maskName(name))
        }
        let accounts = (timeline?.bankAccounts.map(\.account) ?? []) + [payment.bankAccount].compactMap { $0 }
        for account in accounts where !account.isEmpty {
            out = out.replacingOccurrences(of: account, with: BankAccount.mask(account))
        }
        return out
    }

    /// Records the decision in the ledger, indexed by subject in its region as the web API's are.
    static func record(
        _ decision: PaymentDecision, payment: BenefitPayment, region: String?, database: FundWatchDatabase, data: String
    ) throws {
        do {
            try PaymentCheckService.record(
                decision, payment: payment, region: region, actor: "fundwatch check-payment",
                trail: AuditTrail.open(data: data), indexingIn: database)
        } catch let notIndexed as PaymentCheckService.SubjectNotIndexed {
            throw CLIError("the decision was \(notIndexed); read it with `fundwatch ledger entry \(notIndexed.entryIndex) --data \(data)`")
        } catch {
            throw CLIError("the decision was not recorded in the ledger of \(data): \(error); do not act on it unrecorded, try again")
        }
    }
}
