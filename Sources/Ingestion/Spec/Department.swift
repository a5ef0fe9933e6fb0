/// The departments that hand data over (数据提供部门).
public enum Department: String, CaseIterable, Hashable, Sendable, Codable {
    case hrss
    case medicalInsurance = "medical_insurance"
    case civilAffairs = "civil_affairs"
    case publicSecurity = "public_security"
    case health
    case court
    case tax
    case bank
    case finance

    /// The Chinese name shown to people.
    public var chinese: String {
        switch self {
        case .hrss: "人力资源和社会保障局"
        case .medicalInsurance: "医疗保障局"
        case .civilAffairs: "民政局"
        case .publicSecurity: "公安局"
        case .health: "卫生健康委员会"
        case .court: "法院"
        case .tax: "税务局"
        case .bank: "银行"
        case .finance: "财政局"
        }
    }
}

/// The container format of a department's export.
public enum SourceFormat: String, CaseIterable, Hashable, Sendable, Codable {
    case csv, xlsx, jsonl
}

/// How a text export is encoded: detected, or fixed by the spec.
public enum EncodingChoice: String, CaseIterable, Hashable, Sendable, Codable {
    /// UTF-8 when the bytes are valid UTF-8 (or start with its BOM), otherwise GB18030.
    case auto
    case utf8 = "utf-8"
    case gb18030
}
