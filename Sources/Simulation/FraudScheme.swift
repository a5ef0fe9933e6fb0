/// The fraud schemes the simulator plants. Each raw value is also the id of the audit rule that
/// should catch it, so `truth.csv` names the rules to expect.
public enum FraudScheme: String, CaseIterable, Sendable, Hashable, Comparable {
    /// 冒领养老金: pension still paid for months after a registered death.
    case pensionAfterDeath = "pension_after_death"
    /// 服刑期间领取养老金: pension paid while the pensioner is imprisoned.
    case pensionInCustody = "pension_in_custody"
    /// 重复领取养老金: a second pension from another region for the same months.
    case duplicatePension = "duplicate_pension"
    /// 未到法定退休年龄领取养老金.
    case pensionBeforeRetirementAge = "pension_before_retirement_age"
    /// 虚假参保: contributions through a shell employer that never paid the person a wage.
    case fakeEnrollmentShellEmployer = "fake_enrollment_shell_employer"
    /// 重复参加医保: employee and resident medical insurance at once.
    case duplicateMedicalEnrollment = "duplicate_medical_enrollment"
    /// 就业期间领取失业金: unemployment benefit for months the tax bureau shows a wage.
    case unemploymentWhileEmployed = "unemployment_while_employed"
    /// 先伤后保: injured before the work-injury enrollment started.
    case injuryBeforeEnrollment = "injury_before_enrollment"
    /// 死亡后医保结算: medical settlements after a registered death.
    case medicalAfterDeath = "medical_after_death"
    /// 分解住院: one stay split into consecutive admissions at the same hospital.
    case splitHospitalisation = "split_hospitalisation"
    /// 同日异地就医: outpatient visits on the same day in regions hundreds of kilometres apart.
    case sameDayDistantVisits = "same_day_distant_visits"
    /// 一卡多领: one bank account collecting pensions for unrelated persons.
    case sharedBankAccount = "shared_bank_account"
    /// 经办人员向亲属发放: an operator paying benefits to their own relatives.
    case operatorPaysRelatives = "operator_pays_relatives"
    /// 单笔支付金额异常: one payment far beyond the usual amounts of its benefit.
    case veryLargePayment = "very_large_payment"
    /// 超高龄未认证: a pensioner far beyond a plausible age, never verified alive.
    case unverifiedVeryOldPensioner = "unverified_very_old_pensioner"
    /// 突击补缴: many years of contributions back-paid just before retirement.
    case backPaymentBeforeRetirement = "back_payment_before_retirement"

    /// The audit rules that should fire for a planted case: the scheme's own rule.
    public var ruleIDs: [String] { [rawValue] }

    public static func < (lhs: FraudScheme, rhs: FraudScheme) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Honest irregularities that are not fraud. They are listed in `truth.csv` under a `noise_`
/// scheme with no rule ids, so a rule that flags them counts as a false positive.
public enum NoiseKind: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Death registered months late; the pension paid meanwhile is reversed by negative payments.
    case lateDeathRegistration = "noise_late_death_registration"
    /// Another department's rows carry the old 15-digit ID number.
    case fifteenDigitID = "noise_fifteen_digit_id"
    /// A death record with a homophone typo in the name.
    case nameTypo = "noise_name_typo"
    /// A death record with the name in Traditional characters.
    case traditionalName = "noise_traditional_name"
    /// Rows exported twice (exact duplicates in medical_settlement and employment_record).
    case duplicateRows = "noise_duplicate_rows"
    /// A pension paid into the spouse's account (same household): legitimate.
    case familySharedAccount = "noise_family_shared_account"
    /// A genuine centenarian (100–104), verified alive every year.
    case verifiedCentenarian = "noise_verified_centenarian"
    /// A few months of contributions back-paid after a job change, years before retirement.
    case smallBackPayment = "noise_small_back_payment"
    /// Off-site (异地) hospital care on a day with no other visit.
    case offSiteCare = "noise_off_site_care"

    public static func < (lhs: NoiseKind, rhs: NoiseKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
