import FundWatchCore
import Testing

@Suite struct PersonTimelineTests {
    let id = IDNumber(region: "371482", birthDate: CivilDate("1950-03-10")!, sequence: 20)

    func date(_ s: String) -> CivilDate { CivilDate(s)! }

    @Test func answersTheQuestionsRulesAsk() {
        var t = PersonTimeline(idNumber: id)
        t.add(DeathRecord(idNumber: id, deathDate: date("2025-05-02"), source: .health))
        t.add(DeathRecord(idNumber: id, deathDate: date("2025-05-01"), source: .civilAffairs))
        t.add(CustodyRecord(idNumber: id, startDate: date("2020-01-01"), kind: .imprisonment, endDate: date("2021-12-31")))
        t.add(Enrollment(idNumber: id, insurance: .pensionEmployee, regionCode: "371482", startDate: date("1975-01-01"), endDate: date("2010-03-31")))
        for m in 1...6 {
            t.add(Contribution(idNumber: id, insurance: .pensionEmployee, period: Period(year: 2009, month: m)!, amount: Money(fen: 10_000)))
        }
        t.add(Contribution(idNumber: id, insurance: .pensionEmployee, period: Period(year: 2009, month: 1)!, amount: Money(fen: 10_000)))
        t.add(EmploymentRecord(idNumber: id, employerID: "E1", period: Period("2024-03")!))
        let other = IDNumber(region: "371482", birthDate: date("1960-01-01"), sequence: 22)
        let addedOther = t.add(DeathRecord(idNumber: other, deathDate: date("2020-01-01"), source: .health))
        #expect(!addedOther)
        let s = t.sorted()

        #expect(s.deathDate == date("2025-05-01"))
        #expect(s.isAlive(at: date("2025-04-30")))
        #expect(!s.isAlive(at: date("2025-05-01")))
        #expect(s.isInCustody(at: date("2021-06-01")))
        #expect(!s.isInCustody(at: date("2022-01-01")))
        #expect(s.isEnrolled(in: .pensionEmployee, at: date("2000-01-01")))
        #expect(!s.isEnrolled(in: .pensionEmployee, at: date("2011-01-01")))
        #expect(s.monthsPaid(in: .pensionEmployee) == 6)
        #expect(s.monthsPaid(in: .pensionEmployee, through: Period("2009-03")!) == 3)
        #expect(s.isEmployed(in: Period("2024-03")!))
        #expect(s.age(at: date("2025-03-09")) == 74)
        #expect(s.sex == .female)
        #expect(s.retirementPeriod().description == "2000-03")
        let kinds = s.events.map(\.kind)
        #expect(kinds.first == .birth)
        #expect(s.events.map(\.date) == s.events.map(\.date).sorted())
        #expect(kinds.filter { $0 == .death }.count == 2)
    }
}
