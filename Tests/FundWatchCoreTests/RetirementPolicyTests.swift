import FundWatchCore
import Testing

/// Checked against the comparison tables annexed to the 2024 decision on gradually raising the
/// statutory retirement age (附件1–3).
@Suite struct RetirementPolicyTests {
    static func p(_ y: Int, _ m: Int) -> Period { Period(year: y, month: m)! }

    @Test(arguments: [
        // (birth, category, years, months, retirement month)
        (p(1964, 12), RetirementCategory.male, 60, 0, p(2024, 12)),
        (p(1965, 1), .male, 60, 1, p(2025, 2)),
        (p(1965, 4), .male, 60, 1, p(2025, 5)),
        (p(1965, 5), .male, 60, 2, p(2025, 7)),
        (p(1966, 9), .male, 60, 6, p(2027, 3)),
        (p(1976, 8), .male, 62, 11, p(2039, 7)),
        (p(1976, 9), .male, 63, 0, p(2039, 9)),
        (p(1977, 1), .male, 63, 0, p(2040, 1)),
        (p(1990, 6), .male, 63, 0, p(2053, 6)),
        (p(1969, 12), .femaleCadre, 55, 0, p(2024, 12)),
        (p(1970, 1), .femaleCadre, 55, 1, p(2025, 2)),
        (p(1981, 9), .femaleCadre, 58, 0, p(2039, 9)),
        (p(1974, 12), .femaleWorker, 50, 0, p(2024, 12)),
        (p(1975, 1), .femaleWorker, 50, 1, p(2025, 2)),
        (p(1975, 2), .femaleWorker, 50, 1, p(2025, 3)),
        (p(1975, 3), .femaleWorker, 50, 2, p(2025, 5)),
        (p(1984, 10), .femaleWorker, 54, 11, p(2039, 9)),
        (p(1984, 11), .femaleWorker, 55, 0, p(2039, 11)),
    ])
    func boundaryCohorts(birth: Period, category: RetirementCategory, years: Int, months: Int, retires: Period) {
        let age = RetirementPolicy.retirementAge(born: birth, category: category)
        #expect(age.years == years && age.months == months, "\(birth) \(category)")
        #expect(RetirementPolicy.retirementPeriod(born: birth, category: category) == retires)
    }

    @Test(arguments: [(2025, 180), (2029, 180), (2030, 186), (2031, 192), (2038, 234), (2039, 240), (2045, 240)])
    func minimumContributionRisesSixMonthsAYearFrom2030(year: Int, months: Int) {
        #expect(RetirementPolicy.minimumContributionMonths(retiringIn: Period(year: year, month: 6)!) == months)
    }
}
