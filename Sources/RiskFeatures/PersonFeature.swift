/// The features of one person, computed from the person's timeline and the population around
/// it. This list is the one place they are documented (the README table is generated from it
/// by `fundwatch model features --list`).
///
/// Counts of months count distinct benefit months with a positive payment; "pension" is the
/// `pension` benefit; "now" is `PopulationContext.dataEnd`, the last month in the data.
public enum PersonFeature: Int, CaseIterable, Sendable {
    case age
    case pensionMonths
    case monthsPaidAfterDeath
    case settlementsAfterDeath
    case monthsPaidAfterLastCheck
    case monthsPaidInCustody
    case pensionMonthsBeforeRetirementAge
    case doublePensionMonths
    case pensionPaymentRegions
    case paymentRegionSpreadKm
    case distinctAccounts
    case accountSharers
    case paidToOtherHouseholdShare
    case sameDayVisitDistanceKm
    case visitRegionSpreadKm
    case offSiteShare
    case readmissionsNextDay
    case settlementMaxRobustZ
    case paymentMaxRobustZ
    case backPaymentMonths
    case backPaymentMonthsBeforeRetirement
    case employeePensionYears
    case employerInsuredStaff
    case employerTaxedShare
    case contributionMonthsWithoutIncome
    case overlappingPensionEnrollments
    case overlappingMedicalEnrollments
    case unemploymentMonthsWhileEmployed
    case unemploymentMonthsWithoutEnrollment
    case injuryDaysBeforeEnrollment
    case injurySettlementsAfterClaim
    case survivorMonthsWithoutHouseholdDeath
    case operatorHouseholdPayees
    case idRegionUnknown
    case birthDateGapYears

    /// Name, meaning and unit.
    public var definition: FeatureDefinition {
        switch self {
        case .age: FeatureDefinition("age", "截至数据截止月的周岁年龄", unit: "岁")
        case .pensionMonths: FeatureDefinition("pension_months", "领取养老金的月数", unit: "月")
        case .monthsPaidAfterDeath:
            FeatureDefinition("months_paid_after_death", "登记死亡当月之后待遇净额（扣除冲回）仍为正的月数", unit: "月")
        case .settlementsAfterDeath:
            FeatureDefinition("settlements_after_death", "登记死亡日期之后发生的医保结算笔数", unit: "笔")
        case .monthsPaidAfterLastCheck:
            FeatureDefinition(
                "months_paid_after_last_check", "最近一次待遇资格认证之后领取养老金的月数（从未认证则为全部养老金月数）",
                unit: "月")
        case .monthsPaidInCustody:
            FeatureDefinition("months_paid_in_custody", "服刑或羁押期间领取养老金的月数", unit: "月")
        case .pensionMonthsBeforeRetirementAge:
            FeatureDefinition(
                "pension_months_before_retirement_age", "未到法定退休月份（按出生日期和性别的默认类别）领取养老金的月数",
                unit: "月")
        case .doublePensionMonths:
            FeatureDefinition("double_pension_months", "同一月份领取两笔及以上养老金的月数", unit: "月")
        case .pensionPaymentRegions:
            FeatureDefinition("pension_payment_regions", "发放养老金的不同地区（区县）个数", unit: "个")
        case .paymentRegionSpreadKm:
            FeatureDefinition("payment_region_spread_km", "各笔待遇发放地区之间的最远距离", unit: "km")
        case .distinctAccounts:
            FeatureDefinition("distinct_accounts", "待遇汇入的不同银行账户个数", unit: "个")
        case .accountSharers:
            FeatureDefinition("account_sharers", "与本人共用同一收款账户、另有待遇汇入的其他人数（取各账户最大值）", unit: "人")
        case .paidToOtherHouseholdShare:
            FeatureDefinition(
                "paid_to_other_household_share", "汇入他人名下且持有人住址与本人不同的账户的待遇笔数占比", unit: "比例")
        case .sameDayVisitDistanceKm:
            FeatureDefinition("same_day_visit_distance_km", "同一天两次就医的就医地之间的最远距离", unit: "km")
        case .visitRegionSpreadKm:
            FeatureDefinition("visit_region_spread_km", "全部就医地之间的最远距离", unit: "km")
        case .offSiteShare: FeatureDefinition("off_site_share", "异地就医结算笔数占比（无结算为空）", unit: "比例")
        case .readmissionsNextDay:
            FeatureDefinition("readmissions_next_day", "在同一医院出院当天或次日再次入院的次数", unit: "次")
        case .settlementMaxRobustZ:
            FeatureDefinition(
                "settlement_max_robust_z", "单笔医保统筹支付额相对同类就诊（门诊/住院）的最大稳健 z 值（对数金额，中位数与 MAD）",
                unit: "z")
        case .paymentMaxRobustZ:
            FeatureDefinition("payment_max_robust_z", "单笔待遇金额相对同类待遇的最大稳健 z 值（对数金额，中位数与 MAD）", unit: "z")
        case .backPaymentMonths: FeatureDefinition("back_payment_months", "补缴的缴费月数", unit: "月")
        case .backPaymentMonthsBeforeRetirement:
            FeatureDefinition(
                "back_payment_months_before_retirement", "在法定退休月份前 12 个月内缴纳的补缴月数", unit: "月")
        case .employeePensionYears:
            FeatureDefinition(
                "employee_pension_years", "职工养老保险参保年数（截至首次领取养老金，未领取则截至数据截止月）", unit: "年")
        case .employerInsuredStaff:
            FeatureDefinition("employer_insured_staff", "最近参保单位的参保人数（该单位参保或缴费的不同人数）", unit: "人")
        case .employerTaxedShare:
            FeatureDefinition("employer_taxed_share", "最近参保单位有税务收入记录的人数与参保人数之比", unit: "比例")
        case .contributionMonthsWithoutIncome:
            FeatureDefinition(
                "contribution_months_without_income", "税务数据覆盖期内，单位为本人缴费但该单位无本人收入记录的月数", unit: "月")
        case .overlappingPensionEnrollments:
            FeatureDefinition("overlapping_pension_enrollments", "同时有效的两项养老保险参保（职工与居民，或两地居民）对数", unit: "对")
        case .overlappingMedicalEnrollments:
            FeatureDefinition("overlapping_medical_enrollments", "同时有效的职工医保与居民医保参保对数", unit: "对")
        case .unemploymentMonthsWhileEmployed:
            FeatureDefinition("unemployment_months_while_employed", "领取失业金且同月有税务收入记录的月数", unit: "月")
        case .unemploymentMonthsWithoutEnrollment:
            FeatureDefinition("unemployment_months_without_enrollment", "从未参加失业保险却领取失业金的月数", unit: "月")
        case .injuryDaysBeforeEnrollment:
            FeatureDefinition("injury_days_before_enrollment", "受伤日期早于工伤保险参保开始的天数（不早于为 0）", unit: "天")
        case .injurySettlementsAfterClaim:
            FeatureDefinition(
                "injury_settlements_after_claim", "工伤申报之后以损伤诊断（ICD-10 S/T）经医保结算的笔数", unit: "笔")
        case .survivorMonthsWithoutHouseholdDeath:
            FeatureDefinition("survivor_months_without_household_death", "同一住址无任何死亡登记时领取遗属待遇的月数", unit: "月")
        case .operatorHouseholdPayees:
            FeatureDefinition(
                "operator_household_payees", "同一经办人向本人住址的人员发放待遇的人数（含本人，取各经办人最大值）", unit: "人")
        case .idRegionUnknown:
            FeatureDefinition("id_region_unknown", "身份证号前六位发证地区不在行政区划中（是为 1）", unit: "0/1")
        case .birthDateGapYears:
            FeatureDefinition("birth_date_gap_years", "登记出生日期与身份证号所含出生日期相差的年数", unit: "年")
        }
    }
}
