import AuditRules
import FundWatchCore

/// The pre-payment check's two JSON forms, written byte by byte: the canonical decision whose
/// SHA-256 the ledger entry holds, and the answer to the caller.
///
/// Both have a fixed shape, and the check is the API's hot path: these writers replace two
/// `JSONEncoder` runs per check. The canonical form is byte for byte what `JSONEncoder` with
/// `.sortedKeys` and `.withoutEscapingSlashes` writes for the same decision (tested), so ledger
/// hashes made before and after agree.
enum PaymentDecisionJSON {
    /// The canonical JSON of a decision: `{"action","failures","findings":[Finding…],"payment_id"}`,
    /// keys sorted, findings with every field (`Finding`'s coding keys).
    static func payload(_ decision: PaymentDecision, paymentID: String) -> [UInt8] {
        var w = JSONByteWriter(capacity: 256 + 384 * decision.findings.count)
        w.raw("{")
        w.key("action")
        w.string(decision.action.rawValue)
        w.raw(",")
        w.key("failures")
        w.strings(decision.failures.map(\.description))
        w.raw(",")
        w.key("findings")
        w.raw("[")
        var first = true
        for f in decision.findings {
            w.separator(&first)
            w.raw("{")
            w.key("amount_at_risk")
            w.integer(f.amountAtRisk.fen)
            w.raw(",")
            w.key("explanation")
            w.string(f.explanation)
            w.raw(",")
            w.key("id_number")
            w.string(f.idNumber)
            w.raw(",")
            w.key("kind")
            w.string(f.kind.rawValue)
            w.raw(",")
            w.key("records")
            w.strings(f.records)
            w.raw(",")
            w.key("rule_id")
            w.string(f.ruleID)
            w.raw(",")
            w.key("rule_version")
            w.integer(f.ruleVersion)
            w.raw(",")
            w.key("score")
            w.double(f.score)
            w.raw(",")
            w.key("severity")
            w.string(f.severity.rawValue)
            w.raw(",")
            w.key("shadow")
            w.bool(f.shadow)
            w.raw("}")
        }
        w.raw("]")
        w.raw(",")
        w.key("payment_id")
        w.string(paymentID)
        w.raw("}")
        return w.bytes
    }

    /// The answer: the decision with each finding's explanation already masked, and the ledger
    /// receipt (the entry's subject and the SHA-256 its payload hash must equal). Keys sorted,
    /// snake_case, as the rest of the API writes them.
    static func answer(
        _ decision: PaymentDecision, paymentID: String, explanations: [String], ledgerSubject: String, payloadSHA256: String
    ) -> [UInt8] {
        var w = JSONByteWriter(capacity: 320 + 320 * decision.findings.count)
        w.raw("{")
        w.key("action")
        w.string(decision.action.rawValue)
        w.raw(",")
        w.key("decision_sha256")
        w.string(payloadSHA256)
        w.raw(",")
        w.key("failures")
        w.strings(decision.failures.map(\.description))
        w.raw(",")
        w.key("findings")
        w.raw("[")
        var first = true
        for (f, explanation) in zip(decision.findings, explanations) {
            w.separator(&first)
            w.raw("{")
            w.key("amount_at_risk")
            w.integer(f.amountAtRisk.fen)
            w.raw(",")
            w.key("explanation")
            w.string(explanation)
            w.raw(",")
            w.key("rule_id")
            w.string(f.ruleID)
            w.raw(",")
            w.key("rule_version")
            w.integer(f.ruleVersion)
            w.raw(",")
            w.key("severity")
            w.string(f.severity.rawValue)
            w.raw(",")
            w.key("shadow")
            w.bool(f.shadow)
            w.raw("}")
        }
        w.raw("]")
        w.raw(",")
        w.key("ledger_subject")
        w.string(ledgerSubject)
        w.raw(",")
        w.key("payment_id")
        w.string(paymentID)
        w.raw("}")
        return w.bytes
    }
}
