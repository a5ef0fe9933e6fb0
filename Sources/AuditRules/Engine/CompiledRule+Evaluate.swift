import CEL
import Foundation
import FundWatchCore

extension CompiledRule {
    /// A record under evaluation: its CEL value, evidence id and default amount at risk (fen).
    struct Subject {
        let value: CELValue?
        let id: String?
        let amount: Int64
        /// The condition's value when already known (the indexed engine computes it once for
        /// records that share the fields it reads).
        var condition: CELValue? = nil
    }

    /// The subjects of this rule in a timeline: each record of the scope's type, or the person once.
    func subjects(_ t: PersonTimeline) -> [Subject] {
        guard trigger.admits(t) else { return [] }
        let code = trigger.code
        switch spec.scope {
        case .person:
            return [Subject(value: nil, id: nil, amount: 0)]
        case .benefitPayment:
            return t.payments.filter { code == nil || $0.benefit.rawValue == code }.map { Subject(value: .object(PaymentObject($0)), id: $0.paymentID, amount: $0.amount.fen) }
        case .medicalSettlement:
            return t.settlements.filter { code == nil || $0.visit.rawValue == code }.map {
                Subject(value: .object(SettlementObject($0)), id: $0.settlementID, amount: $0.fundAmount.fen)
            }
        case .enrollment:
            return t.enrollments.filter { code == nil || $0.insurance.rawValue == code }.map {
                Subject(value: .object(EnrollmentObject($0)), id: "enrollment:\($0.insurance.rawValue):\($0.startDate)", amount: 0)
            }
        case .contribution:
            let backOnly = trigger.needsBackPayment
            return t.contributions.filter { (code == nil || $0.insurance.rawValue == code) && (!backOnly || $0.backPayment) }.map {
                Subject(
                    value: .object(ContributionObject($0)), id: "contribution:\($0.insurance.rawValue):\($0.period)",
                    amount: $0.amount.fen)
            }
        case .injuryClaim:
            return t.injuryClaims.map {
                Subject(value: .object(InjuryObject($0)), id: $0.claimID, amount: $0.amount?.fen ?? 0)
            }
        }
    }

    /// Evaluates the rule over one person. Never throws: a runtime error is a `.failed` outcome.
    /// With `focus`, only the record with that id is evaluated (a pre-payment check).
    public func evaluate(_ bound: BoundTimeline, focus: String? = nil) -> RuleOutcome {
        outcome(bound, subjects(bound.timeline).lazy.filter { focus == nil || $0.id == focus })
    }

    /// Runs the condition (then score, amount and explanation) on each subject, in order, and
    /// folds the hits into one finding. The interpreter path and the planned path (``RulePlan``)
    /// both end here, so a finding is built the same way whichever chose the subjects.
    func outcome(_ bound: BoundTimeline, _ subjects: some Sequence<Subject>) -> RuleOutcome {
        var records = [String]()
        var total: Int64 = 0
        var severity: Severity?
        var best = 0.0
        var explanation = ""
        let activation = TimelineActivation(bound: bound, recordVariable: spec.scope.recordVariable)
        for subject in subjects {
            activation.record = subject.value
            switch subject.condition ?? condition.evaluate(resolving: activation) {
            case .bool(true): break
            case .bool(false), .null: continue
            case .error(let error): return .failed(failure(bound, subject, error))
            case let other:
                return .failed(failure(bound, subject, CELError(code: .typeMismatch, reason: "condition gave \(other), not a bool")))
            }
            var level = spec.severity
            if let score {
                let value: Double
                switch score.evaluate(resolving: activation) {
                case .double(let d): value = d
                case .int(let i): value = Double(i)
                case .error(let error): return .failed(failure(bound, subject, error))
                default: continue
                }
                guard let reached = spec.thresholds?.levels.filter({ value >= $0.value }).keys.max() else { continue }
                level = reached
                best = max(best, value)
            }
            var fen = subject.amount
            if let amount {
                switch amount.evaluate(resolving: activation) {
                case .int(let i): fen = i
                case .double(let d): fen = Int64(d.rounded())
                case .error(let error): return .failed(failure(bound, subject, error))
                default: break
                }
            }
            if severity == nil { explanation = explain(activation) }
            severity = max(severity ?? level, level)
            total += fen
            if let id = subject.id { records.append(id) }
        }
        guard let severity else { return .passes }
        if records.count > 1 { explanation += "（共 \(records.count) 项）" }
        var finding = Finding(
            ruleID: spec.id, ruleVersion: spec.version, idNumber: bound.timeline.idNumber.value, severity: severity,
            records: records, amountAtRisk: Money(fen: total), score: best, explanation: explanation)
        finding.shadow = spec.status == .shadow
        finding.kind = spec.findingKind
        return .flags(finding)
    }

    private func failure(_ bound: BoundTimeline, _ subject: Subject, _ error: CELError) -> RuleFailure {
        RuleFailure(ruleID: spec.id, idNumber: bound.timeline.idNumber.value, record: subject.id, error: error)
    }

    /// Fills the explanation's placeholders; a placeholder that fails shows as `?`.
    func explain(_ activation: TimelineActivation) -> String {
        var out = ""
        for part in explanation {
            switch part {
            case .text(let text): out += text
            case .value(let program):
                switch program.evaluate(resolving: activation) {
                case .string(let s): out += s
                case .int(let i): out += String(i)
                case .double(let d): out += String(format: "%.2f", d)
                case .bool(let b): out += b ? "是" : "否"
                case .null: out += "（空）"
                case .error: out += "?"
                case let other: out += "\(other)"
                }
            }
        }
        return out
    }
}
