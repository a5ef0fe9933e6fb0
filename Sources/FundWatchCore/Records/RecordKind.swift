/// The canonical record types of the data standard, named as their CSV files are.
public enum RecordKind: String, CanonicalCode, Comparable {
    case person
    case enrollment
    case contribution
    case benefitPayment = "benefit_payment"
    case medicalSettlement = "medical_settlement"
    case injuryClaim = "injury_claim"
    case deathRecord = "death_record"
    case custodyRecord = "custody_record"
    case employmentRecord = "employment_record"
    case bankAccount = "bank_account"
    case institution
    case staff
    case qualificationCheck = "qualification_check"

    public var chinese: String {
        switch self {
        case .person: "人员基本信息"
        case .enrollment: "参保登记"
        case .contribution: "缴费记录"
        case .benefitPayment: "待遇发放"
        case .medicalSettlement: "医疗结算"
        case .injuryClaim: "工伤认定与待遇"
        case .deathRecord: "死亡登记"
        case .custodyRecord: "服刑羁押"
        case .employmentRecord: "就业与纳税"
        case .bankAccount: "银行账户"
        case .institution: "机构"
        case .staff: "稽核人员"
        case .qualificationCheck: "待遇资格认证"
        }
    }

    /// The file name of this record type in a canonical CSV folder.
    public var fileName: String { rawValue + ".csv" }

    /// The Swift type that holds records of this kind.
    public var recordType: any CanonicalRecord.Type {
        switch self {
        case .person: Person.self
        case .enrollment: Enrollment.self
        case .contribution: Contribution.self
        case .benefitPayment: BenefitPayment.self
        case .medicalSettlement: MedicalSettlement.self
        case .injuryClaim: InjuryClaim.self
        case .deathRecord: DeathRecord.self
        case .custodyRecord: CustodyRecord.self
        case .employmentRecord: EmploymentRecord.self
        case .bankAccount: BankAccount.self
        case .institution: Institution.self
        case .staff: Staff.self
        case .qualificationCheck: QualificationCheck.self
        }
    }

    public static func < (lhs: RecordKind, rhs: RecordKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A record of the data standard, read from and written to canonical CSV.
public protocol CanonicalRecord: Sendable, Hashable, Codable {
    /// Which record type this is.
    static var kind: RecordKind { get }
    /// The fields in canonical order; the first are the required ones.
    static var fields: [FieldSpec] { get }
    /// Reads a record from one row; throws the first field that is wrong.
    init(row: CanonicalRow) throws(FieldError)
    /// The field values in `fields` order, as canonical CSV writes them ("" = unknown).
    var fieldValues: [String] { get }
    /// The person the record is about, when it is about one.
    var subjectID: IDNumber? { get }
}

/// One field of a canonical record type.
public struct FieldSpec: Hashable, Sendable {
    /// The snake_case field name (the CSV header and database column).
    public let name: String
    /// Whether a row must give it.
    public let required: Bool
    /// The Chinese label shown on pages.
    public let chinese: String
    /// How the value is written and stored.
    public let type: FieldType

    public init(_ name: String, _ chinese: String, _ type: FieldType = .text, required: Bool = true) {
        self.name = name
        self.chinese = chinese
        self.type = type
        self.required = required
    }
}

/// The value types of canonical fields.
public enum FieldType: String, Hashable, Sendable {
    /// Free text (names, identifiers of institutions and payments).
    case text
    /// An ID number, stored in its 18-character form.
    case idNumber = "id_number"
    /// A six-digit region code.
    case region
    /// A date `YYYY-MM-DD`.
    case date
    /// A month `YYYY-MM`.
    case period
    /// Integer fen.
    case money
    /// `true` / `false`.
    case bool
    /// A lower-case code of the data standard.
    case code

    /// Whether the value is stored as an integer (money, booleans) rather than text.
    public var isInteger: Bool { self == .money || self == .bool }
}
