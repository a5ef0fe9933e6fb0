/// The features of one institution (hospital, pharmacy or employer), aggregated from the
/// timelines of the persons it treated or insured. This list is the one place they are
/// documented. A feature that does not apply to the institution's kind is missing (NaN):
/// settlement features for employers, staff features for hospitals.
public enum InstitutionFeature: Int, CaseIterable, Sendable {
    case settlements
    case patients
    case meanSettlementRobustZ
    case outlierSettlementShare
    case readmissionShare
    case afterDeathShare
    case offSiteShare
    case insuredStaff
    case taxedShare
    case backPaymentShare
    case injuryClaimsPerHundredStaff
    case pensionersShare

    /// Name, meaning and unit.
    public var definition: FeatureDefinition {
        switch self {
        case .settlements: FeatureDefinition("settlements", "医保结算笔数", unit: "笔")
        case .patients: FeatureDefinition("patients", "结算涉及的不同就诊人数", unit: "人")
        case .meanSettlementRobustZ:
            FeatureDefinition("mean_settlement_robust_z", "各笔统筹支付额相对同类就诊的稳健 z 值的平均", unit: "z")
        case .outlierSettlementShare:
            FeatureDefinition("outlier_settlement_share", "稳健 z 值大于 3.5 的结算笔数占比", unit: "比例")
        case .readmissionShare:
            FeatureDefinition("readmission_share", "住院中出院当天或次日在本机构再次入院的占比", unit: "比例")
        case .afterDeathShare: FeatureDefinition("after_death_share", "就诊人登记死亡之后发生的结算占比", unit: "比例")
        case .offSiteShare: FeatureDefinition("off_site_share", "异地就医结算占比", unit: "比例")
        case .insuredStaff: FeatureDefinition("insured_staff", "单位参保或缴费的不同人数", unit: "人")
        case .taxedShare: FeatureDefinition("taxed_share", "有本单位税务收入记录的人数与参保人数之比", unit: "比例")
        case .backPaymentShare: FeatureDefinition("back_payment_share", "单位缴费记录中补缴的占比", unit: "比例")
        case .injuryClaimsPerHundredStaff:
            FeatureDefinition("injury_claims_per_hundred_staff", "每百名参保人员的工伤申报件数", unit: "件/百人")
        case .pensionersShare:
            FeatureDefinition("pensioners_share", "参保人员中已领取养老金者的占比", unit: "比例")
        }
    }
}
