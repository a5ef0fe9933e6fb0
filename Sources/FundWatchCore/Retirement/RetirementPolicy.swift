/// Statutory retirement under the gradual reform in force since 2025-01-01
/// (全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》, 2024-09-13, and its annex tables).
///
/// * Men: 60 → 63, one month later for every four months of birth from 1965-01.
/// * Women originally retiring at 55: 55 → 58, one month per four months of birth from 1970-01.
/// * Women originally retiring at 50: 50 → 55, one month per two months of birth from 1975-01.
/// * Minimum contribution for a monthly pension: 15 years, raised by six months a year from
///   2030 until it reaches 20 years (2039).
public enum RetirementPolicy {
    /// The statutory retirement age, in months, for someone born in `birth`.
    public static func retirementAgeMonths(born birth: Period, category: RetirementCategory) -> Int {
        let (original, firstCohort, monthsOfBirthPerStep, maximumDelay): (Int, Period, Int, Int)
        switch category {
        case .male: (original, firstCohort, monthsOfBirthPerStep, maximumDelay) = (60, Period(year: 1965, month: 1)!, 4, 36)
        case .femaleCadre: (original, firstCohort, monthsOfBirthPerStep, maximumDelay) = (55, Period(year: 1970, month: 1)!, 4, 36)
        case .femaleWorker: (original, firstCohort, monthsOfBirthPerStep, maximumDelay) = (50, Period(year: 1975, month: 1)!, 2, 60)
        }
        let k = firstCohort.months(to: birth)
        let delay = k < 0 ? 0 : min(maximumDelay, k / monthsOfBirthPerStep + 1)
        return original * 12 + delay
    }

    /// The statutory retirement age as (years, months).
    public static func retirementAge(born birth: Period, category: RetirementCategory) -> (years: Int, months: Int) {
        let m = retirementAgeMonths(born: birth, category: category)
        return (m / 12, m % 12)
    }

    /// The month in which someone born in `birth` reaches retirement age.
    public static func retirementPeriod(born birth: Period, category: RetirementCategory) -> Period {
        birth.adding(months: retirementAgeMonths(born: birth, category: category))
    }

    /// Minimum months of contribution for a monthly pension when retiring in `period`.
    public static func minimumContributionMonths(retiringIn period: Period) -> Int {
        guard period.year >= 2030 else { return 15 * 12 }
        return min(20 * 12, 15 * 12 + 6 * (period.year - 2029))
    }

    /// The category to assume when a person's post is unknown: women are taken as workers (50),
    /// the lower age, so that a "paid before retirement age" check never flags a woman who may
    /// lawfully have retired at 50.
    public static func defaultCategory(for sex: Sex) -> RetirementCategory {
        sex == .male ? .male : .femaleWorker
    }
}
