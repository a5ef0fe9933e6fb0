/// Whether a finding is a suspicion of wrongdoing or a conflict between records to verify.
public enum FindingKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 疑点: a payment or enrollment that should not be; investigate.
    case fraud
    /// 数据冲突: the records contradict each other (e.g. signs of life after a registered death);
    /// verify with the departments before treating anyone as a suspect.
    case dataConflict = "data_conflict"

    /// The Chinese label.
    public var chinese: String {
        switch self {
        case .fraud: "疑点"
        case .dataConflict: "数据冲突待核实"
        }
    }
}
