/// A code of the data standard: a lower-case English word in files and the API, a Chinese
/// label on pages.
public protocol CanonicalCode: RawRepresentable, CaseIterable, Hashable, Sendable, Codable
where RawValue == String {
    /// The Chinese label shown to people.
    var chinese: String { get }
}

extension CanonicalCode {
    /// The codes a field accepts, for error messages (`male|female`).
    public static var allowedCodes: String { allCases.map(\.rawValue).joined(separator: "|") }
}

/// Sex as the data standard codes it.
public enum Sex: String, CanonicalCode {
    case male, female
    public var chinese: String { self == .male ? "男" : "女" }
}

/// The insurance schemes (险种).
public enum Insurance: String, CanonicalCode {
    case pensionEmployee = "pension_employee"
    case pensionResident = "pension_resident"
    case medicalEmployee = "medical_employee"
    case medicalResident = "medical_resident"
    case unemployment
    case workInjury = "work_injury"
    case maternity

    public var chinese: String {
        switch self {
        case .pensionEmployee: "职工基本养老保险"
        case .pensionResident: "城乡居民基本养老保险"
        case .medicalEmployee: "职工基本医疗保险"
        case .medicalResident: "城乡居民基本医疗保险"
        case .unemployment: "失业保险"
        case .workInjury: "工伤保险"
        case .maternity: "生育保险"
        }
    }

    /// Whether this is one of the pension schemes (a person may be in only one at a time).
    public var isPension: Bool { self == .pensionEmployee || self == .pensionResident }
    /// Whether this is one of the medical schemes (a person may be in only one at a time).
    public var isMedical: Bool { self == .medicalEmployee || self == .medicalResident }
}

/// The kinds of benefit paid out (待遇类别).
public enum Benefit: String, CanonicalCode {
    case pension
    case unemployment
    case injuryAllowance = "injury_allowance"
    case survivor
    case funeral
    case maternity
    case medicalAllowance = "medical_allowance"

    public var chinese: String {
        switch self {
        case .pension: "养老金"
        case .unemployment: "失业保险金"
        case .injuryAllowance: "工伤津贴"
        case .survivor: "遗属待遇"
        case .funeral: "丧葬补助"
        case .maternity: "生育津贴"
        case .medicalAllowance: "医疗补助"
        }
    }
}

/// The department that registered a death.
public enum DeathSource: String, CanonicalCode {
    case civilAffairs = "civil_affairs"
    case publicSecurity = "public_security"
    case health

    public var chinese: String {
        switch self {
        case .civilAffairs: "民政（殡葬）"
        case .publicSecurity: "公安（户籍注销）"
        case .health: "卫健（死亡医学证明）"
        }
    }
}

/// Outpatient or inpatient care.
public enum VisitKind: String, CanonicalCode {
    case outpatient, inpatient
    public var chinese: String { self == .outpatient ? "门诊" : "住院" }
}

/// What an institution is.
public enum InstitutionKind: String, CanonicalCode {
    case hospital, pharmacy, employer
    public var chinese: String {
        switch self {
        case .hospital: "医疗机构"
        case .pharmacy: "定点药店"
        case .employer: "用人单位"
        }
    }
}

/// Kinds of custody (服刑/羁押).
public enum CustodyKind: String, CanonicalCode {
    case detention, imprisonment
    public var chinese: String { self == .detention ? "羁押" : "服刑" }
}

/// How a pensioner's survival was verified (资格认证方式).
public enum VerificationMethod: String, CanonicalCode {
    case faceRecognition = "face_recognition"
    case homeVisit = "home_visit"
    case inPerson = "in_person"
    case dataMatch = "data_match"

    public var chinese: String {
        switch self {
        case .faceRecognition: "人脸识别"
        case .homeVisit: "上门认证"
        case .inPerson: "现场认证"
        case .dataMatch: "数据比对"
        }
    }
}
