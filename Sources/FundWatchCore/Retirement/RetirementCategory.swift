/// The category that sets a person's original statutory retirement age.
public enum RetirementCategory: String, CanonicalCode {
    /// Men: originally 60.
    case male
    /// Women in cadre (管理和技术) posts: originally 55.
    case femaleCadre = "female_cadre"
    /// Women workers: originally 50.
    case femaleWorker = "female_worker"

    public var chinese: String {
        switch self {
        case .male: "男职工"
        case .femaleCadre: "原法定退休年龄55周岁的女职工"
        case .femaleWorker: "原法定退休年龄50周岁的女职工"
        }
    }
}
