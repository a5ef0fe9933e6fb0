import HTTPTypes
import AuditRules
import Foundation
import FundWatchCore
import Hummingbird
import Storage

/// `POST /api/v1/payments/check`: the pre-payment check for a payment system. The payment must
/// lie in the caller's region; the decision is recorded in the ledger before it is returned.
struct PaymentController: Sendable {
    let service: PaymentCheckService
    /// Decisions share group commits: one flush per request would cap the API at the disk's rate.
    let ledger: LedgerCommitQueue
    let database: FundWatchDatabase
    let clock: WebClock

    init(service: PaymentCheckService, trail: AuditTrail, database: FundWatchDatabase, clock: WebClock) {
        self.service = service
        self.ledger = LedgerCommitQueue(trail: trail)
        self.database = database
        self.clock = clock
    }

    func addRoutes(api: RouterGroup<AppRequestContext>) {
        api.post("/payments/check", use: check)
    }

    struct FindingOut: Encodable {
        let ruleID: String
        let ruleVersion: Int
        let severity: String
        let shadow: Bool
        let amountAtRisk: Int64
        let explanation: String
    }

    struct DecisionOut: Encodable {
        let paymentID: String
        let action: String
        let findings: [FindingOut]
        let failures: [String]
        let ledgerIndex: UInt64
    }

    func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.checksPayments, tokenScope: "payments:check")
        try CSRF.check(identity, request: request, form: nil)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let payment: BenefitPayment
        do {
            payment = try PaymentCheckService.payment(fromJSON: Data(body.readableBytesView), today: clock.today())
        } catch let error as PaymentInputError {
            throw AppError(.unprocessableContent, code: "invalid_payment", PersonalDataMasker.maskNumbers(error.description))
        }
        // The payment's region, else the payee's: it must be the caller's to check.
        let region: String?
        if let code = payment.regionCode { region = code } else { region = try await database.personRegion(payment.idNumber) }
        guard identity.scope.isNation || (region.map(identity.scope.contains) ?? false) else {
            throw AppError(.forbidden, code: "forbidden", "该笔支付不在您的辖区内")
        }
        let outcome = try await service.check(payment)
        let index: UInt64
        do {
            index = try await ledger.record(
                PaymentCheckService.ledgerRecord(outcome.decision, payment: payment, actor: identity.user.actor))
        } catch {
            // Unrecorded decisions must not be acted on: fail the call, the client retries.
            throw AppError(.serviceUnavailable, code: "ledger_unavailable", "校验结果未能写入存证日志，请勿据此支付，稍后重试")
        }
        // Only explanations quote personal data: most payments pass without one, and skip the lookup.
        let tokens =
            outcome.decision.findings.isEmpty
            ? nil : try await database.personalTokens(of: [payment.idNumber.value])[payment.idNumber.value]
        var extra = tokens ?? PersonalTokens()
        if let name = outcome.timeline?.person?.name { extra.names.insert(name) }
        if let account = payment.bankAccount { extra.accounts.insert(account) }
        let masker = PersonalDataMasker()
        return JSONOutput.response(
            DecisionOut(
                paymentID: payment.paymentID, action: outcome.decision.action.rawValue,
                findings: outcome.decision.findings.map {
                    FindingOut(
                        ruleID: $0.ruleID, ruleVersion: $0.ruleVersion, severity: $0.severity.rawValue, shadow: $0.shadow,
                        amountAtRisk: $0.amountAtRisk.fen, explanation: masker.mask($0.explanation, tokens: extra))
                },
                failures: outcome.decision.failures.map(\.description), ledgerIndex: index))
    }
}
