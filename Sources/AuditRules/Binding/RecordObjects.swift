import CEL
import FundWatchCore

// The canonical records as CEL host objects. They are tiny adapters that share one shape, so
// they live together: fields use the data standard's snake_case names, dates are `YYYY-MM-DD`
// strings, periods `YYYY-MM` strings (both compare correctly as strings), money is int fen and
// an optional date is null when unknown.

extension Optional where Wrapped == CivilDate {
    var celValue: CELValue { map { .string($0.celText) } ?? .null }
}

/// A CEL host object over one canonical record, made on demand from the record itself, so the
/// engine can read a field of a record without boxing it (see ``RulePlan``).
protocol RecordObject: CELObject {
    associatedtype Record
    init(_ record: Record)
    /// A field of a record, read in place (the same value as `field(named:)`).
    static func read(_ record: Record, _ name: String) -> CELValue?
    /// The function reading one field, nil for an unknown field.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)?
}

/// A `benefit_payment` record.
struct PaymentObject: RecordObject {
    static let celTypeName = "fundwatch.BenefitPayment"
    static let fields: [String: CELType] = [
        "payment_id": .string, "benefit": .string, "period": .string, "amount": .int, "pay_date": .dyn,
        "bank_account": .string, "region_code": .string, "operator_id": .string,
    ]
    typealias Record = BenefitPayment
    let record: BenefitPayment
    init(_ record: BenefitPayment) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "payment_id": return { record in .string(record.paymentID) }
        case "benefit": return { record in .string(record.benefit.rawValue) }
        case "period": return { record in .string(record.period.celText) }
        case "amount": return { record in .int(record.amount.fen) }
        case "pay_date": return { record in record.payDate.celValue }
        case "bank_account": return { record in .string(record.bankAccount ?? "") }
        case "region_code": return { record in .string(record.regionCode ?? "") }
        case "operator_id": return { record in .string(record.operatorID ?? "") }
        default: return nil
        }
    }
}

/// A `medical_settlement` record.
struct SettlementObject: RecordObject {
    static let celTypeName = "fundwatch.MedicalSettlement"
    static let fields: [String: CELType] = [
        "settlement_id": .string, "institution_id": .string, "visit": .string, "admission_date": .string,
        "discharge_date": .dyn, "diagnosis": .string, "total_amount": .int, "fund_amount": .int,
        "region_code": .string, "off_site": .bool,
    ]
    typealias Record = MedicalSettlement
    let record: MedicalSettlement
    init(_ record: MedicalSettlement) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "settlement_id": return { record in .string(record.settlementID) }
        case "institution_id": return { record in .string(record.institutionID) }
        case "visit": return { record in .string(record.visit.rawValue) }
        case "admission_date": return { record in .string(record.admissionDate.celText) }
        case "discharge_date": return { record in record.dischargeDate.celValue }
        case "diagnosis": return { record in .string(record.diagnosis ?? "") }
        case "total_amount": return { record in .int(record.totalAmount.fen) }
        case "fund_amount": return { record in .int(record.fundAmount.fen) }
        case "region_code": return { record in .string(record.regionCode ?? "") }
        case "off_site": return { record in .bool(record.offSite) }
        default: return nil
        }
    }
}

/// An `enrollment` record.
struct EnrollmentObject: RecordObject {
    static let celTypeName = "fundwatch.Enrollment"
    static let fields: [String: CELType] = [
        "insurance": .string, "region_code": .string, "start_date": .string, "end_date": .dyn, "employer_id": .string,
    ]
    typealias Record = Enrollment
    let record: Enrollment
    init(_ record: Enrollment) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "insurance": return { record in .string(record.insurance.rawValue) }
        case "region_code": return { record in .string(record.regionCode) }
        case "start_date": return { record in .string(record.startDate.celText) }
        case "end_date": return { record in record.endDate.celValue }
        case "employer_id": return { record in .string(record.employerID ?? "") }
        default: return nil
        }
    }
}

/// A `contribution` record.
struct ContributionObject: RecordObject {
    static let celTypeName = "fundwatch.Contribution"
    static let fields: [String: CELType] = [
        "insurance": .string, "period": .string, "amount": .int, "base": .int, "employer_id": .string,
        "paid_date": .dyn, "back_payment": .bool,
    ]
    typealias Record = Contribution
    let record: Contribution
    init(_ record: Contribution) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "insurance": return { record in .string(record.insurance.rawValue) }
        case "period": return { record in .string(record.period.celText) }
        case "amount": return { record in .int(record.amount.fen) }
        case "base": return { record in .int(record.base?.fen ?? 0) }
        case "employer_id": return { record in .string(record.employerID ?? "") }
        case "paid_date": return { record in record.paidDate.celValue }
        case "back_payment": return { record in .bool(record.backPayment) }
        default: return nil
        }
    }
}

/// An `injury_claim` record.
struct InjuryObject: RecordObject {
    static let celTypeName = "fundwatch.InjuryClaim"
    static let fields: [String: CELType] = [
        "claim_id": .string, "employer_id": .string, "injury_date": .string, "claim_date": .string, "amount": .int,
        "region_code": .string,
    ]
    typealias Record = InjuryClaim
    let record: InjuryClaim
    init(_ record: InjuryClaim) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "claim_id": return { record in .string(record.claimID) }
        case "employer_id": return { record in .string(record.employerID) }
        case "injury_date": return { record in .string(record.injuryDate.celText) }
        case "claim_date": return { record in .string(record.claimDate.celText) }
        case "amount": return { record in .int(record.amount?.fen ?? 0) }
        case "region_code": return { record in .string(record.regionCode ?? "") }
        default: return nil
        }
    }
}

/// A `death_record`.
struct DeathObject: RecordObject {
    static let celTypeName = "fundwatch.DeathRecord"
    static let fields: [String: CELType] = ["death_date": .string, "source": .string, "recorded_date": .dyn, "name": .string]
    typealias Record = DeathRecord
    let record: DeathRecord
    init(_ record: DeathRecord) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "death_date": return { record in .string(record.deathDate.celText) }
        case "source": return { record in .string(record.source.rawValue) }
        case "recorded_date": return { record in record.recordedDate.celValue }
        case "name": return { record in .string(record.name ?? "") }
        default: return nil
        }
    }
}

/// A `custody_record`.
struct CustodyObject: RecordObject {
    static let celTypeName = "fundwatch.CustodyRecord"
    static let fields: [String: CELType] = ["start_date": .string, "end_date": .dyn, "kind": .string, "court": .string]
    typealias Record = CustodyRecord
    let record: CustodyRecord
    init(_ record: CustodyRecord) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "start_date": return { record in .string(record.startDate.celText) }
        case "end_date": return { record in record.endDate.celValue }
        case "kind": return { record in .string(record.kind.rawValue) }
        case "court": return { record in .string(record.court ?? "") }
        default: return nil
        }
    }
}

/// An `employment_record`.
struct EmploymentObject: RecordObject {
    static let celTypeName = "fundwatch.EmploymentRecord"
    static let fields: [String: CELType] = ["employer_id": .string, "period": .string, "income": .int]
    typealias Record = EmploymentRecord
    let record: EmploymentRecord
    init(_ record: EmploymentRecord) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "employer_id": return { record in .string(record.employerID) }
        case "period": return { record in .string(record.period.celText) }
        case "income": return { record in .int(record.income?.fen ?? 0) }
        default: return nil
        }
    }
}

/// A `qualification_check` (survival verification).
struct CheckObject: RecordObject {
    static let celTypeName = "fundwatch.QualificationCheck"
    static let fields: [String: CELType] = ["check_date": .string, "method": .string]
    typealias Record = QualificationCheck
    let record: QualificationCheck
    init(_ record: QualificationCheck) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "check_date": return { record in .string(record.checkDate.celText) }
        case "method": return { record in .string(record.method.rawValue) }
        default: return nil
        }
    }
}

/// A `bank_account` held by the person.
struct AccountObject: RecordObject {
    static let celTypeName = "fundwatch.BankAccount"
    static let fields: [String: CELType] = ["account": .string, "bank": .string, "opened_date": .dyn]
    typealias Record = BankAccount
    let record: BankAccount
    init(_ record: BankAccount) { self.record = record }
    func field(named name: String) -> CELValue? { Self.read(record, name) }
    static func read(_ record: Record, _ name: String) -> CELValue? { reader(name)?(record) }
    /// Reads one field of any record of this type; resolved once, called per record.
    static func reader(_ name: String) -> (@Sendable (Record) -> CELValue)? {
        switch name {
        case "account": return { record in .string(record.account) }
        case "bank": return { record in .string(record.bank ?? "") }
        case "opened_date": return { record in record.openedDate.celValue }
        default: return nil
        }
    }
}
