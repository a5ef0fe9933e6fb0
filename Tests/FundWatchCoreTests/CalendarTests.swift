import FundWatchCore
import Testing

@Suite struct CalendarTests {
    @Test func dayNumbersRoundTripAcrossCenturies() {
        for days in stride(from: -80_000, through: 80_000, by: 37) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CivilDate(date.description) == date)
        }
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CivilDate("2000-02-29")!.adding(days: 1).description == "2000-03-01")
    }

    @Test func rejectsImpossibleDates() {
        #expect(CivilDate("2023-02-29") == nil)
        #expect(CivilDate("1900-02-29") == nil)
        #expect(CivilDate("2023-13-01") == nil)
        #expect(CivilDate("2023-1-01") == nil)
        #expect(Period("2023-00") == nil)
        #expect(Period("2023-12")?.adding(months: 1).description == "2024-01")
    }

    @Test func ageCountsCompletedYears() {
        let birth = CivilDate("1965-06-15")!
        #expect(birth.age(on: CivilDate("2025-06-14")!) == 59)
        #expect(birth.age(on: CivilDate("2025-06-15")!) == 60)
        #expect(CivilDate("2024-01-31")!.adding(months: 1).description == "2024-02-29")
    }

    @Test func periodArithmetic() {
        let p = Period("2025-01")!
        #expect(p.adding(months: -1).description == "2024-12")
        #expect(p.months(to: Period("2026-10")!) == 21)
        #expect(Period(index: p.index) == p)
        #expect(p.lastDay.description == "2025-01-31")
    }
}
