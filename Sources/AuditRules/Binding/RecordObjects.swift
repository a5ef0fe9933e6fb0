import CEL
import FundWatchCore

// The canonical records as CEL host objects. They are tiny adapters that share one shape, so
// they live together: fields use the data standard's snake_case names, dates are `YYYY-MM-DD`
// strings, periods `YYYY-MM` strings (both compare correctly as strings), money is int fen and
// an optional date is null when unknown.

extension Optional where Wrapped == CivilDate {
    var celValue: CELValue { map { .string($0.description) } ?? .null }
}

/// A `benefit_payment` record.
struct PaymentObject: CELObject {
    static let celTypeName = "fundwatch.BenefitPayment"
    static let fields: [String: CELType] = [
        "payment_id": .string, "benefit": .string, "period": .string, "amount": .int, "pay_date": .dyn,
        "bank_account": .string, "region_code": .string, "operator_id": .string,
    ]
    let record: BenefitPayment
    init(_ record: BenefitPayment) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "payment_id": return .string(record.paymentID)
        case "benefit": return .string(record.benefit.rawValue)
        case "period": return .string(record.period.description)
        case "amount": return .int(record.amount.fen)
        case "pay_date": return record.payDate.celValue
        case "bank_account": return .string(record.bankAccount ?? "")
        case "region_code": return .string(record.regionCode ?? "")
        case "operator_id": return .string(record.operatorID ?? "")
        default: return nil
        }
    }
}

/// A `medical_settlement` record.
struct SettlementObject: CELObject {
    static let celTypeName = "fundwatch.MedicalSettlement"
    static let fields: [String: CELType] = [
        "settlement_id": .string, "institution_id": .string, "visit": .string, "admission_date": .string,
        "discharge_date": .dyn, "diagnosis": .string, "total_amount": .int, "fund_amount": .int,
        "region_code": .string, "off_site": .bool,
    ]
    let record: MedicalSettlement
    init(_ record: MedicalSettlement) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "settlement_id": return .string(record.settlementID)
        case "institution_id": return .string(record.institutionID)
        case "visit": return .string(record.visit.rawValue)
        case "admission_date": return .string(record.admissionDate.description)
        case "discharge_date": return record.dischargeDate.celValue
        case "diagnosis": return .string(record.diagnosis ?? "")
        case "total_amount": return .int(record.totalAmount.fen)
        case "fund_amount": return .int(record.fundAmount.fen)
        case "region_code": return .string(record.regionCode ?? "")
        case "off_site": return .bool(record.offSite)
        default: return nil
        }
    }
}

/// An `enrollment` record.
struct EnrollmentObject: CELObject {
    static let celTypeName = "fundwatch.Enrollment"
    static let fields: [String: CELType] = [
        "insurance": .string, "region_code": .string, "start_date": .string, "end_date": .dyn, "employer_id": .string,
    ]
    let record: Enrollment
    init(_ record: Enrollment) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "insurance": return .string(record.insurance.rawValue)
        case "region_code": return .string(record.regionCode)
        case "start_date": return .string(record.startDate.description)
        case "end_date": return record.endDate.celValue
        case "employer_id": return .string(record.employerID ?? "")
        default: return nil
        }
    }
}

/// A `contribution` record.
struct ContributionObject: CELObject {
    static let celTypeName = "fundwatch.Contribution"
    static let fields: [String: CELType] = [
        "insurance": .string, "period": .string, "amount": .int, "base": .int, "employer_id": .string,
        "paid_date": .dyn, "back_payment": .bool,
    ]
    let record: Contribution
    init(_ record: Contribution) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "insurance": return .string(record.insurance.rawValue)
        case "period": return .string(record.period.description)
        case "amount": return .int(record.amount.fen)
        case "base": return .int(record.base?.fen ?? 0)
        case "employer_id": return .string(record.employerID ?? "")
        case "paid_date": return record.paidDate.celValue
        case "back_payment": return .bool(record.backPayment)
        default: return nil
        }
    }
}

/// An `injury_claim` record.
struct InjuryObject: CELObject {
    static let celTypeName = "fundwatch.InjuryClaim"
    static let fields: [String: CELType] = [
        "claim_id": .string, "employer_id": .string, "injury_date": .string, "claim_date": .string, "amount": .int,
        "region_code": .string,
    ]
    let record: InjuryClaim
    init(_ record: InjuryClaim) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "claim_id": return .string(record.claimID)
        case "employer_id": return .string(record.employerID)
        case "injury_date": return .string(record.injuryDate.description)
        case "claim_date": return .string(record.claimDate.description)
        case "amount": return .int(record.amount?.fen ?? 0)
        case "region_code": return .string(record.regionCode ?? "")
        default: return nil
        }
    }
}

/// A `death_record`.
struct DeathObject: CELObject {
    static let celTypeName = "fundwatch.DeathRecord"
    static let fields: [String: CELType] = ["death_date": .string, "source": .string, "recorded_date": .dyn, "name": .string]
    let record: DeathRecord
    init(_ record: DeathRecord) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "death_date": return .string(record.deathDate.description)
        case "source": return .string(record.source.rawValue)
        case "recorded_date": return record.recordedDate.celValue
        case "name": return .string(record.name ?? "")
        default: return nil
        }
    }
}

/// A `custody_record`.
struct CustodyObject: CELObject {
    static let celTypeName = "fundwatch.CustodyRecord"
    static let fields: [String: CELType] = ["start_date": .string, "end_date": .dyn, "kind": .string, "court": .string]
    let record: CustodyRecord
    init(_ record: CustodyRecord) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "start_date": return .string(record.startDate.description)
        case "end_date": return record.endDate.celValue
        case "kind": return .string(record.kind.rawValue)
        case "court": return .string(record.court ?? "")
        default: return nil
        }
    }
}

/// An `employment_record`.
struct EmploymentObject: CELObject {
    static let celTypeName = "fundwatch.EmploymentRecord"
    static let fields: [String: CELType] = ["employer_id": .string, "period": .string, "income": .int]
    let record: EmploymentRecord
    init(_ record: EmploymentRecord) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "employer_id": return .string(record.employerID)
        case "period": return .string(record.period.description)
        case "income": return .int(record.income?.fen ?? 0)
        default: return nil
        }
    }
}

/// A `qualification_check` (survival verification).
struct CheckObject: CELObject {
    static let celTypeName = "fundwatch.QualificationCheck"
    static let fields: [String: CELType] = ["check_date": .string, "method": .string]
    let record: QualificationCheck
    init(_ record: QualificationCheck) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "check_date": return .string(record.checkDate.description)
        case "method": return .string(record.method.rawValue)
        default: return nil
        }
    }
}

/// A `bank_account` held by the person.
struct AccountObject: CELObject {
    static let celTypeName = "fundwatch.BankAccount"
    static let fields: [String: CELType] = ["account": .string, "bank": .string, "opened_date": .dyn]
    let record: BankAccount
    init(_ record: BankAccount) { self.record = record }
    func field(named name: String) -> CELValue? {
        switch name {
        case "account": return .string(record.account)
        case "bank": return .string(record.bank ?? "")
        case "opened_date": return record.openedDate.celValue
        default: return nil
        }
    }
}
