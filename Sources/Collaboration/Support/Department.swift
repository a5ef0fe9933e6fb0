/// A department that FundWatch asks for verification or shares data with.
public enum Department: String, Sendable, Hashable, Codable, CaseIterable {
    /// 公安: identity and household registration, deaths it registers.
    case publicSecurity = "public_security"
    /// 民政: death and funeral registration.
    case civilAffairs = "civil_affairs"
    /// 法院: sentences and custody ordered by a court.
    case court
    /// 司法: prisons and community corrections.
    case justice
    /// 卫健: medical death certificates, hospitals.
    case health
    /// 医保: medical insurance settlements.
    case medicalInsurance = "medical_insurance"
    /// 税务: employment and income.
    case tax
    /// 银行: accounts and payments.
    case bank
    /// 财政: fund accounts.
    case finance

    /// The department's name as staff call it.
    public var chinese: String {
        switch self {
        case .publicSecurity: "公安"
        case .civilAffairs: "民政"
        case .court: "法院"
        case .justice: "司法"
        case .health: "卫健"
        case .medicalInsurance: "医保"
        case .tax: "税务"
        case .bank: "银行"
        case .finance: "财政"
        }
    }

    /// The department with this code, or nil (for messages that list the valid codes).
    public static func parse(_ code: String) -> Department? { Department(rawValue: code) }
}
