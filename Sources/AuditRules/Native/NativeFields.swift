import FundWatchCore

/// Reads one field of the record at a position of a timeline list as a native value, straight
/// from the timeline's arrays: the same values as ``TimelineList/reader(_:)`` gives as CEL
/// values (a test checks that they agree), with dates and months as integers.
typealias NativeFieldReader = @Sendable (BoundTimeline, Int) -> NativeValue

extension TimelineList {
    /// The native reader of a field of this list's records; nil for an unknown field.
    func nativeReader(_ field: String) -> NativeFieldReader? {
        switch self {
        case .payments:
            switch field {
            case "payment_id": return { b, i in .string(b.timeline.payments[i].paymentID) }
            case "benefit": return { b, i in .string(b.timeline.payments[i].benefit.rawValue) }
            case "period": return { b, i in .period(b.timeline.payments[i].period) }
            case "amount": return { b, i in .int(b.timeline.payments[i].amount.fen) }
            case "pay_date": return { b, i in .date(b.timeline.payments[i].payDate) }
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
            case "admission_date": return { b, i in .date(b.timeline.settlements[i].admissionDate) }
            case "discharge_date": return { b, i in .date(b.timeline.settlements[i].dischargeDate) }
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
            case "start_date": return { b, i in .date(b.timeline.enrollments[i].startDate) }
            case "end_date": return { b, i in .date(b.timeline.enrollments[i].endDate) }
            case "employer_id": return { b, i in .string(b.timeline.enrollments[i].employerID ?? "") }
            default: return nil
            }
        case .contributions:
            switch field {
            case "insurance": return { b, i in .string(b.timeline.contributions[i].insurance.rawValue) }
            case "period": return { b, i in .period(b.timeline.contributions[i].period) }
            case "amount": return { b, i in .int(b.timeline.contributions[i].amount.fen) }
            case "base": return { b, i in .int(b.timeline.contributions[i].base?.fen ?? 0) }
            case "employer_id": return { b, i in .string(b.timeline.contributions[i].employerID ?? "") }
            case "paid_date": return { b, i in .date(b.timeline.contributions[i].paidDate) }
            case "back_payment": return { b, i in .bool(b.timeline.contributions[i].backPayment) }
            default: return nil
            }
        case .injuries:
            switch field {
            case "claim_id": return { b, i in .string(b.timeline.injuryClaims[i].claimID) }
            case "employer_id": return { b, i in .string(b.timeline.injuryClaims[i].employerID) }
            case "injury_date": return { b, i in .date(b.timeline.injuryClaims[i].injuryDate) }
            case "claim_date": return { b, i in .date(b.timeline.injuryClaims[i].claimDate) }
            case "amount": return { b, i in .int(b.timeline.injuryClaims[i].amount?.fen ?? 0) }
            case "region_code": return { b, i in .string(b.timeline.injuryClaims[i].regionCode ?? "") }
            default: return nil
            }
        case .deaths:
            switch field {
            case "death_date": return { b, i in .date(b.timeline.deaths[i].deathDate) }
            case "source": return { b, i in .string(b.timeline.deaths[i].source.rawValue) }
            case "recorded_date": return { b, i in .date(b.timeline.deaths[i].recordedDate) }
            case "name": return { b, i in .string(b.timeline.deaths[i].name ?? "") }
            default: return nil
            }
        case .custody:
            switch field {
            case "start_date": return { b, i in .date(b.timeline.custody[i].startDate) }
            case "end_date": return { b, i in .date(b.timeline.custody[i].endDate) }
            case "kind": return { b, i in .string(b.timeline.custody[i].kind.rawValue) }
            case "court": return { b, i in .string(b.timeline.custody[i].court ?? "") }
            default: return nil
            }
        case .employment:
            switch field {
            case "employer_id": return { b, i in .string(b.timeline.employment[i].employerID) }
            case "period": return { b, i in .period(b.timeline.employment[i].period) }
            case "income": return { b, i in .int(b.timeline.employment[i].income?.fen ?? 0) }
            default: return nil
            }
        case .checks:
            switch field {
            case "check_date": return { b, i in .date(b.timeline.qualificationChecks[i].checkDate) }
            case "method": return { b, i in .string(b.timeline.qualificationChecks[i].method.rawValue) }
            default: return nil
            }
        case .accounts:
            switch field {
            case "account": return { b, i in .string(b.timeline.bankAccounts[i].account) }
            case "bank": return { b, i in .string(b.timeline.bankAccounts[i].bank ?? "") }
            case "opened_date": return { b, i in .date(b.timeline.bankAccounts[i].openedDate) }
            default: return nil
            }
        }
    }
}

extension TimelineList {
    /// Whether a code field of the record at a position equals a literal, compared as the enum
    /// case the literal names (a literal that names none is never equal: the field always holds
    /// one of its cases, whose text is its raw value); nil for a field that holds no code.
    func nativeCodeTest(_ field: String, equals literal: String) -> (@Sendable (BoundTimeline, Int) -> Bool)? {
        switch (self, field) {
        case (.payments, "benefit"):
            let code = Benefit(rawValue: literal)
            return { b, i in b.timeline.payments[i].benefit == code }
        case (.settlements, "visit"):
            let code = VisitKind(rawValue: literal)
            return { b, i in b.timeline.settlements[i].visit == code }
        case (.enrollments, "insurance"):
            let code = Insurance(rawValue: literal)
            return { b, i in b.timeline.enrollments[i].insurance == code }
        case (.contributions, "insurance"):
            let code = Insurance(rawValue: literal)
            return { b, i in b.timeline.contributions[i].insurance == code }
        case (.custody, "kind"):
            let code = CustodyKind(rawValue: literal)
            return { b, i in b.timeline.custody[i].kind == code }
        case (.checks, "method"):
            let code = VerificationMethod(rawValue: literal)
            return { b, i in b.timeline.qualificationChecks[i].method == code }
        case (.deaths, "source"):
            let code = DeathSource(rawValue: literal)
            return { b, i in b.timeline.deaths[i].source == code }
        default:
            return nil
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
