import HTTPTypes
import AuditRules
import FundWatchCore
import Hummingbird
import NIOCore
import Storage

/// `POST /api/v1/payments/check`: the pre-payment check for a payment system. The payment must
/// lie in the caller's region; the decision is handed to the ledger's commit queue before it is
/// returned, and the answer names the entry to look for (its subject and payload hash).
///
/// The hot path: once the population and blacklist in memory are verified current (at most
/// every `WebConfiguration.paymentRecheckInterval`), a check reads nothing from the database
/// and waits for nothing, its request body is read and its answer written by hand.
struct PaymentController: Sendable {
    let service: PaymentCheckService
    /// Decisions share group commits on a thread of their own.
    let ledger: LedgerCommitQueue
    let database: FundWatchDatabase
    let clock: WebClock

    func addRoutes(api: RouterGroup<AppRequestContext>) {
        api.post("/payments/check", use: check)
    }

    func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.checksPayments, tokenScope: "payments:check")
        try CSRF.check(identity, request: request, form: nil)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let payment: BenefitPayment
        do {
            payment = try PaymentCheckService.payment(fromJSONBytes: body.readableBytesView, today: clock.today())
        } catch let error as PaymentInputError {
            throw AppError(.unprocessableContent, code: "invalid_payment", PersonalDataMasker.maskNumbers(error.description))
        }
        // The payment's region, else the payee's: it must be the caller's to check.
        var region = payment.regionCode ?? service.regionFromMemory(of: payment.idNumber)
        if region == nil { region = try await database.personRegion(payment.idNumber) }
        guard identity.scope.isNation || (region.map(identity.scope.contains) ?? false) else {
            throw AppError(.forbidden, code: "forbidden", "该笔支付不在您的辖区内")
        }
        let outcome: PaymentCheckService.Outcome
        if let fast = service.checkFromMemory(payment) { outcome = fast } else { outcome = try await service.check(payment) }
        let record = try PaymentCheckService.ledgerRecord(outcome.decision, payment: payment, actor: identity.user.actor)
        if !ledger.enqueue(record, region: region) {
            do {
                try await ledger.enqueue(record, region: region, waitingUpTo: .seconds(2))
            } catch {
                // Unrecorded decisions must not be acted on: fail the call, the client retries.
                throw AppError(.serviceUnavailable, code: "ledger_unavailable", "校验结果未能写入存证日志，请勿据此支付，稍后重试")
            }
        }
        // Only explanations quote personal data: most payments pass without one, and skip the lookup.
        var explanations = [String]()
        if !outcome.decision.findings.isEmpty {
            var tokens: PersonalTokens
            if outcome.fromMemory {
                tokens = PersonalTokens(timeline: outcome.timeline)
            } else {
                tokens = try await database.personalTokens(of: [payment.idNumber.value])[payment.idNumber.value] ?? PersonalTokens()
                if let name = outcome.timeline?.person?.name { tokens.names.insert(name) }
            }
            if let account = payment.bankAccount { tokens.accounts.insert(account) }
            let masker = PersonalDataMasker()
            explanations = outcome.decision.findings.map { masker.mask($0.explanation, tokens: tokens) }
        }
        let json = PaymentDecisionJSON.answer(
            outcome.decision, paymentID: payment.paymentID, explanations: explanations,
            ledgerSubject: record.subject, payloadSHA256: record.payloadSHA256)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }
}
