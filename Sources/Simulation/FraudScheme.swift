/// The fraud schemes the simulator plants. Each raw value is also the id of the audit rule that
/// should catch it, so `truth.csv` names the rules to expect.
public enum FraudScheme: String, CaseIterable, Sendable, Hashable, Comparable {
    /// 冒领养老金: pension still paid for months after a registered death.
    /// Files: death_record rows (on time, one to three departments); `pension` payments for every month
    /// after the death month to the window's end. first_period = the month after death.
    case pensionAfterDeath = "pension_after_death"
    /// 服刑期间领取养老金: pension paid while the pensioner is imprisoned.
    /// Files: an open `imprisonment` custody_record starting in the window; pension payments go on.
    /// first_period = the month after custody starts.
    case pensionInCustody = "pension_in_custody"
    /// 重复领取养老金: a second pension from another region for the same months.
    /// Files: an employee pensioner with a second `pension_resident` enrollment in another county (or a
    /// distant province), a second bank account, and resident pension payments with that region code
    /// for the same periods. first_period = the first doubled month.
    case duplicatePension = "duplicate_pension"
    /// 未到法定退休年龄领取养老金.
    /// Files: pension payments to a working employee (men 40–54, women 35–45), well before the
    /// statutory age of `RetirementPolicy` even for a female worker (50). first_period = first payment.
    case pensionBeforeRetirementAge = "pension_before_retirement_age"
    /// 虚假参保: contributions through a shell employer that never paid the person a wage.
    /// Files: a `pension_employee` enrollment and monthly contributions at the minimum base from a
    /// shell employer (a tiny 商贸/咨询/劳务派遣 company with no real staff) for a resident aged 40–58,
    /// and no employment_record from that employer. first_period = enrollment month.
    case fakeEnrollmentShellEmployer = "fake_enrollment_shell_employer"
    /// 重复参加医保: employee and resident medical insurance at once.
    /// Files: an open `medical_resident` enrollment starting in the window while the person's
    /// `medical_employee` enrollment is open. first_period = the resident enrollment's month.
    case duplicateMedicalEnrollment = "duplicate_medical_enrollment"
    /// 就业期间领取失业金: unemployment benefit for months the tax bureau shows a wage.
    /// Files: the job ends (enrollments end), six to twelve months of `unemployment` payments, and
    /// from two months after the loss employment_record rows from a new employer that never enrolled
    /// the person. first_period = the first month with both.
    case unemploymentWhileEmployed = "unemployment_while_employed"
    /// 先伤后保: injured before the work-injury enrollment started.
    /// Files: an injury_claim whose injury_date is 2–20 days before the person's only `work_injury`
    /// enrollment starts (other insurances started years earlier). first_period = injury month.
    case injuryBeforeEnrollment = "injury_before_enrollment"
    /// 死亡后医保结算: medical settlements after a registered death.
    /// Files: death records, then two to four outpatient settlements (pharmacy or hospital) dated
    /// 10+ days after the death. first_period = first such settlement.
    case medicalAfterDeath = "medical_after_death"
    /// 分解住院: one stay split into consecutive admissions at the same hospital.
    /// Files: up to three inpatient settlements, same hospital and diagnosis, each re-admitted the day
    /// of or after the previous discharge. first_period = first admission.
    case splitHospitalisation = "split_hospitalisation"
    /// 同日异地就医: outpatient visits on the same day in regions hundreds of kilometres apart.
    /// Files: two outpatient settlements on one date, one in the home county, one `off_site` at a
    /// hospital at least 600 km away. first_period = that month.
    case sameDayDistantVisits = "same_day_distant_visits"
    /// 一卡多领: one bank account collecting pensions for unrelated persons.
    /// Files: the pensions of two to five pensioners from different households are paid into one
    /// account held (bank_account.csv) by an unrelated adult. The payees are labelled, not the holder.
    case sharedBankAccount = "shared_bank_account"
    /// 经办人员向亲属发放: an operator paying benefits to their own relatives.
    /// Files: the operator is a person employed by the county HRSS bureau (employer `E<county>0000`,
    /// 人力资源和社会保障局) with a staff.csv row (`JB<county>-<n>`, role 待遇经办, same name); their
    /// household members (same address; residents or students without a pension, so never insured
    /// against unemployment) get `unemployment` payments with that operator_id though not unemployed. The payees are labelled. Staff has no id_number, so linking operator and person
    /// goes by name, county and the bureau's employment records.
    case operatorPaysRelatives = "operator_pays_relatives"
    /// 单笔支付金额异常: one payment far beyond the usual amounts of its benefit.
    /// Files: one month's pension of 40–120 times the usual amount (at least 100,000 yuan).
    case veryLargePayment = "very_large_payment"
    /// 超高龄未认证: a pensioner far beyond a plausible age, never verified alive.
    /// Files: a person aged 107–121 paid a resident pension every month, no qualification_check, no
    /// death record. first_period = window start.
    case unverifiedVeryOldPensioner = "unverified_very_old_pensioner"
    /// 突击补缴: many years of contributions back-paid just before retirement.
    /// Files: 108–144 `back_payment` contributions for periods nine to twelve years before a late job
    /// start, all paid on one day 2–10 months before retirement (in the window). first_period = the
    /// month they were paid. Only employees who retire inside the window qualify, so windows much
    /// shorter than the default 24 months plant fewer cases than the rate asks for.
    case backPaymentBeforeRetirement = "back_payment_before_retirement"
    /// 缴费年限不足领取养老金: an employee who retires in the window with only five to twelve years
    /// of employee pension enrollment (job started late, nothing back-paid) is paid a full pension.
    /// first_period = the pension's first month.
    case insufficientContributions = "pension_insufficient_contributions"
    /// 重复参加养老保险: a working employee also enrolled in resident pension insurance in another
    /// county, paying its yearly contribution. first_period = the resident enrollment's month.
    case duplicatePensionEnrollment = "enrollment_duplicate_pension"
    /// 虚构身份参保: a person registered and enrolled under a well-formed ID number (right check
    /// digit) whose issuing region (`37 99 xx`) is no division. first_period = window start.
    case invalidIDEnrollment = "enrollment_invalid_id"
    /// 篡改身份信息参保: the ID number on every department's rows encodes a birth date three to eight
    /// years earlier than the registered one. first_period = window start.
    case identityMismatch = "enrollment_identity_mismatch"
    /// 工伤医疗费用医保重复报销: after a work injury (treated on the day and settled as work injury),
    /// follow-up treatment with an injury diagnosis is settled again through medical insurance.
    /// first_period = the follow-up month.
    case injuryMedicalDoubleClaim = "injury_medical_double_claim"
    /// 医保结算金额异常: one outpatient settlement of 30,000–150,000 yuan from the fund (ordinary
    /// outpatient bills are below 600). first_period = its month.
    case medicalAmountOutlier = "medical_amount_outlier"
    /// 虚报遗属待遇: survivor benefit paid for six to twelve months to an adult whose household has
    /// no death. (Honest survivor benefits are paid alongside, to widows and widowers of the dead.)
    /// first_period = first payment.
    case survivorWithoutDeath = "survivor_benefit_without_death"
    /// 待遇汇入他人账户: a pensioner's pension is paid into the account of one unrelated adult of
    /// another household. The payee is labelled. first_period = window start.
    case accountHolderMismatch = "account_holder_mismatch"
    /// 未参保领取待遇: unemployment benefit paid to a resident never enrolled in unemployment
    /// insurance. first_period = first payment.
    case paymentWithoutEnrollment = "payment_without_enrollment"

    /// The audit rules of the built-in library (AuditRules) that should fire for a planted case.
    public var ruleIDs: [String] {
        switch self {
        // The planted payments to a working person are never backed by a survival check.
        case .pensionBeforeRetirementAge: ["pension_before_retirement_age", "pension_no_survival_check"]
        // The second pension comes with a second, overlapping pension enrollment.
        case .duplicatePension: ["pension_duplicate", "enrollment_duplicate_pension"]
        // The shell's employee enrollment overlaps the resident's own resident pension enrollment.
        case .fakeEnrollmentShellEmployer: ["enrollment_shell_employer", "enrollment_duplicate_pension"]
        case .duplicateMedicalEnrollment: ["enrollment_duplicate_medical"]
        case .splitHospitalisation: ["medical_split_hospitalization"]
        case .sameDayDistantVisits: ["medical_same_day_distant"]
        case .sharedBankAccount: ["account_shared_unrelated", "account_holder_mismatch"]
        // The relatives paid are never insured against unemployment.
        case .operatorPaysRelatives: ["operator_related_payee", "payment_without_enrollment"]
        case .veryLargePayment: ["pension_amount_outlier"]
        case .unverifiedVeryOldPensioner: ["pension_over_age_cap", "pension_no_survival_check"]
        default: [rawValue]
        }
    }

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
