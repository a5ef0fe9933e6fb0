import FundWatchCore

/// Reads one field of the record at a position of a timeline list as a native value, straight
/// from the timeline's arrays: the same values as ``TimelineList/reader(_:)`` gives as CEL
/// values (a test checks that they agree), with dates and months as integers.
typealias NativeFieldReader = @Sendable (PersonTimeline, Int) -> NativeValue

extension TimelineList {
    /// The native reader of a field of this list's records; nil for an unknown field.
    func nativeReader(_ field: String) -> NativeFieldReader? {
        switch self {
        case .payments:
            switch field {
            case "payment_id": return { t, i in .string(t.payments[i].paymentID) }
            case "benefit": return { t, i in .string(t.payments[i].benefit.rawValue) }
            case "period": return { t, i in .period(t.payments[i].period) }
            case "amount": return { t, i in .int(t.payments[i].amount.fen) }
            case "pay_date": return { t, i in .date(t.payments[i].payDate) }
            case "bank_account": return { t, i in .string(t.payments[i].bankAccount ?? "") }
            case "region_code": return { t, i in .string(t.payments[i].regionCode ?? "") }
            case "operator_id": return { t, i in .string(t.payments[i].operatorID ?? "") }
            default: return nil
            }
        case .settlements:
            switch field {
            case "settlement_id": return { t, i in .string(t.settlements[i].settlementID) }
            case "institution_id": return { t, i in .string(t.settlements[i].institutionID) }
            case "visit": return { t, i in .string(t.settlements[i].visit.rawValue) }
            case "admission_date": return { t, i in .date(t.settlements[i].admissionDate) }
            case "discharge_date": return { t, i in .date(t.settlements[i].dischargeDate) }
            case "diagnosis": return { t, i in .string(t.settlements[i].diagnosis ?? "") }
            case "total_amount": return { t, i in .int(t.settlements[i].totalAmount.fen) }
            case "fund_amount": return { t, i in .int(t.settlements[i].fundAmount.fen) }
            case "region_code": return { t, i in .string(t.settlements[i].regionCode ?? "") }
            case "off_site": return { t, i in .bool(t.settlements[i].offSite) }
            default: return nil
            }
        case .enrollments:
            switch field {
            case "insurance": return { t, i in .string(t.enrollments[i].insurance.rawValue) }
            case "region_code": return { t, i in .string(t.enrollments[i].regionCode) }
            case "start_date": return { t, i in .date(t.enrollments[i].startDate) }
            case "end_date": return { t, i in .date(t.enrollments[i].endDate) }
            case "employer_id": return { t, i in .string(t.enrollments[i].employerID ?? "") }
            default: return nil
            }
        case .contributions:
            switch field {
            case "insurance": return { t, i in .string(t.contributions[i].insurance.rawValue) }
            case "period": return { t, i in .period(t.contributions[i].period) }
            case "amount": return { t, i in .int(t.contributions[i].amount.fen) }
            case "base": return { t, i in .int(t.contributions[i].base?.fen ?? 0) }
            case "employer_id": return { t, i in .string(t.contributions[i].employerID ?? "") }
            case "paid_date": return { t, i in .date(t.contributions[i].paidDate) }
            case "back_payment": return { t, i in .bool(t.contributions[i].backPayment) }
            default: return nil
            }
        case .injuries:
            switch field {
            case "claim_id": return { t, i in .string(t.injuryClaims[i].claimID) }
            case "employer_id": return { t, i in .string(t.injuryClaims[i].employerID) }
            case "injury_date": return { t, i in .date(t.injuryClaims[i].injuryDate) }
            case "claim_date": return { t, i in .date(t.injuryClaims[i].claimDate) }
            case "amount": return { t, i in .int(t.injuryClaims[i].amount?.fen ?? 0) }
            case "region_code": return { t, i in .string(t.injuryClaims[i].regionCode ?? "") }
            default: return nil
            }
        case .deaths:
            switch field {
            case "death_date": return { t, i in .date(t.deaths[i].deathDate) }
            case "source": return { t, i in .string(t.deaths[i].source.rawValue) }
            case "recorded_date": return { t, i in .date(t.deaths[i].recordedDate) }
            case "name": return { t, i in .string(t.deaths[i].name ?? "") }
            default: return nil
            }
        case .custody:
            switch field {
            case "start_date": return { t, i in .date(t.custody[i].startDate) }
            case "end_date": return { t, i in .date(t.custody[i].endDate) }
            case "kind": return { t, i in .string(t.custody[i].kind.rawValue) }
            case "court": return { t, i in .string(t.custody[i].court ?? "") }
            default: return nil
            }
        case .employment:
            switch field {
            case "employer_id": return { t, i in .string(t.employment[i].employerID) }
            case "period": return { t, i in .period(t.employment[i].period) }
            case "income": return { t, i in .int(t.employment[i].income?.fen ?? 0) }
            default: return nil
            }
        case .checks:
            switch field {
            case "check_date": return { t, i in .date(t.qualificationChecks[i].checkDate) }
            case "method": return { t, i in .string(t.qualificationChecks[i].method.rawValue) }
            default: return nil
            }
        case .accounts:
            switch field {
            case "account": return { t, i in .string(t.bankAccounts[i].account) }
            case "bank": return { t, i in .string(t.bankAccounts[i].bank ?? "") }
            case "opened_date": return { t, i in .date(t.bankAccounts[i].openedDate) }
            default: return nil
            }
        }
    }
}

extension BoundTimeline {
    /// A field of the `person` variable as a native value (``PersonObject``'s fields); nil for an
    /// unknown field.
    static func nativePersonReader(_ field: String) -> (@Sendable (BoundTimeline) -> NativeValue)? {
        switch field {
        case "id_number": return { b in .string(b.timeline.idNumber.value) }
        case "name": return { b in .string(b.timeline.person?.name ?? "") }
        case "sex": return { b in .string(b.timeline.sex.rawValue) }
        case "birth_date": return { b in .date(b.timeline.birthDate) }
        case "region_code": return { b in .string(b.timeline.person?.regionCode ?? "") }
        case "address": return { b in .string(b.timeline.person?.address ?? "") }
        case "household": return { b in .string(b.household) }
        case "death_date": return { b in .date(b.timeline.deathDate) }
        default: return nil
        }
    }
}
