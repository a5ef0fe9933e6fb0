import CEL
import FundWatchCore

/// Reads one field of the record at a position of a timeline list, straight from the
/// timeline's storage (no copy of the record, no intermediate object).
typealias FieldReader = @Sendable (BoundTimeline, Int) -> CELValue

extension TimelineList {
    /// The reader of a field of this list's records; nil for an unknown field. The values are
    /// those of the records' CEL objects (``RecordObject``); a test checks that they agree.
    func reader(_ field: String) -> FieldReader? {
        switch self {
        case .payments:
            switch field {
            case "payment_id": return { b, i in .string(b.timeline.payments[i].paymentID) }
            case "benefit": return { b, i in .string(b.timeline.payments[i].benefit.rawValue) }
            case "period": return { b, i in .string(b.timeline.payments[i].period.celText) }
            case "amount": return { b, i in .int(b.timeline.payments[i].amount.fen) }
            case "pay_date": return { b, i in b.timeline.payments[i].payDate.celValue }
            case "bank_account": return { b, i in .string(b.timeline.payments[i].bankAccount ?? "") }
            case "region_code": return { b, i in .string(b.timeline.payments[i].regionCode ?? "") }
            case "operator_id": return { b, i in .string(b.timeline.payments[i].operatorID ?? "") }
            default: return nil
            }
        case .settlements:
            switch field {
            case "settlement_id": return { b, i in .string(b.timeline.settlements[i].settlementID) }
            case "institution_id": return { b, i in .string(b.timeline.settlements[i].institutionID) }
            case "visit": return { b, i in .string(b.timeline.settlements[i].visit.rawValue) }
            case "admission_date": return { b, i in .string(b.timeline.settlements[i].admissionDate.celText) }
            case "discharge_date": return { b, i in b.timeline.settlements[i].dischargeDate.celValue }
            case "diagnosis": return { b, i in .string(b.timeline.settlements[i].diagnosis ?? "") }
            case "total_amount": return { b, i in .int(b.timeline.settlements[i].totalAmount.fen) }
            case "fund_amount": return { b, i in .int(b.timeline.settlements[i].fundAmount.fen) }
            case "region_code": return { b, i in .string(b.timeline.settlements[i].regionCode ?? "") }
            case "off_site": return { b, i in .bool(b.timeline.settlements[i].offSite) }
            default: return nil
            }
        case .enrollments:
            switch field {
            case "insurance": return { b, i in .string(b.timeline.enrollments[i].insurance.rawValue) }
            case "region_code": return { b, i in .string(b.timeline.enrollments[i].regionCode) }
            case "start_date": return { b, i in .string(b.timeline.enrollments[i].startDate.celText) }
            case "end_date": return { b, i in b.timeline.enrollments[i].endDate.celValue }
            case "employer_id": return { b, i in .string(b.timeline.enrollments[i].employerID ?? "") }
            default: return nil
            }
        case .contributions:
            switch field {
            case "insurance": return { b, i in .string(b.timeline.contributions[i].insurance.rawValue) }
            case "period": return { b, i in .string(b.timeline.contributions[i].period.celText) }
            case "amount": return { b, i in .int(b.timeline.contributions[i].amount.fen) }
            case "base": return { b, i in .int(b.timeline.contributions[i].base?.fen ?? 0) }
            case "employer_id": return { b, i in .string(b.timeline.contributions[i].employerID ?? "") }
            case "paid_date": return { b, i in b.timeline.contributions[i].paidDate.celValue }
            case "back_payment": return { b, i in .bool(b.timeline.contributions[i].backPayment) }
            default: return nil
            }
        case .injuries:
            switch field {
            case "claim_id": return { b, i in .string(b.timeline.injuryClaims[i].claimID) }
            case "employer_id": return { b, i in .string(b.timeline.injuryClaims[i].employerID) }
            case "injury_date": return { b, i in .string(b.timeline.injuryClaims[i].injuryDate.celText) }
            case "claim_date": return { b, i in .string(b.timeline.injuryClaims[i].claimDate.celText) }
            case "amount": return { b, i in .int(b.timeline.injuryClaims[i].amount?.fen ?? 0) }
            case "region_code": return { b, i in .string(b.timeline.injuryClaims[i].regionCode ?? "") }
            default: return nil
            }
        case .deaths:
            switch field {
            case "death_date": return { b, i in .string(b.timeline.deaths[i].deathDate.celText) }
            case "source": return { b, i in .string(b.timeline.deaths[i].source.rawValue) }
            case "recorded_date": return { b, i in b.timeline.deaths[i].recordedDate.celValue }
            case "name": return { b, i in .string(b.timeline.deaths[i].name ?? "") }
            default: return nil
            }
        case .custody:
            switch field {
            case "start_date": return { b, i in .string(b.timeline.custody[i].startDate.celText) }
            case "end_date": return { b, i in b.timeline.custody[i].endDate.celValue }
            case "kind": return { b, i in .string(b.timeline.custody[i].kind.rawValue) }
            case "court": return { b, i in .string(b.timeline.custody[i].court ?? "") }
            default: return nil
            }
        case .employment:
            switch field {
            case "employer_id": return { b, i in .string(b.timeline.employment[i].employerID) }
            case "period": return { b, i in .string(b.timeline.employment[i].period.celText) }
            case "income": return { b, i in .int(b.timeline.employment[i].income?.fen ?? 0) }
            default: return nil
            }
        case .checks:
            switch field {
            case "check_date": return { b, i in .string(b.timeline.qualificationChecks[i].checkDate.celText) }
            case "method": return { b, i in .string(b.timeline.qualificationChecks[i].method.rawValue) }
            default: return nil
            }
        case .accounts:
            switch field {
            case "account": return { b, i in .string(b.timeline.bankAccounts[i].account) }
            case "bank": return { b, i in .string(b.timeline.bankAccounts[i].bank ?? "") }
            case "opened_date": return { b, i in b.timeline.bankAccounts[i].openedDate.celValue }
            default: return nil
            }
        }
    }
}
