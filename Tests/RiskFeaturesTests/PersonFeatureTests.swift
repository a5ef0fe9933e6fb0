import FundWatchCore
@testable import RiskFeatures
import RiskModels
import Testing

/// Timelines built in code: a small county with one case of each pattern beside honest people.
enum Town {
    static func date(_ text: String) -> CivilDate { CivilDate(text)! }
    static func period(_ text: String) -> Period { Period(text)! }
    static func id(_ born: String, _ sequence: Int, region: String = "370102") -> IDNumber {
        IDNumber(region: region, birthDate: date(born), sequence: sequence)
    }

    /// Monthly pensions from `first` for `months` months into `account`.
    static func pensions(
        _ id: IDNumber, from first: String, months: Int, account: String, amount: Int64 = 300_000,
        region: String = "370102"
    ) -> [BenefitPayment] {
        (0..<months).map { k in
            BenefitPayment(
                paymentID: "P\(id.value)-\(k)-\(region)", idNumber: id, benefit: .pension,
                period: period(first).adding(months: k), amount: Money(fen: amount), bankAccount: account,
                regionCode: region, operatorID: "OP1")
        }
    }

    static func person(_ id: IDNumber, address: String) -> Person {
        Person(idNumber: id, name: "某人", sex: id.sex, birthDate: id.birthDate, regionCode: "370102", address: address)
    }

    /// An honest pensioner, verified alive every year, paid into an own account.
    static func honest(_ sequence: Int, born year: Int = 1950) -> PersonTimeline {
        let id = id("\(year)-03-01", sequence)
        return PersonTimeline(
            idNumber: id, person: person(id, address: "幸福路\(sequence)号"),
            payments: pensions(id, from: "2024-01", months: 24, account: "A\(sequence)"),
            bankAccounts: [BankAccount(account: "A\(sequence)", holderIDNumber: id)],
            qualificationChecks: [
                QualificationCheck(idNumber: id, checkDate: date("2024-06-10"), method: .faceRecognition),
                QualificationCheck(idNumber: id, checkDate: date("2025-06-10"), method: .faceRecognition),
            ])
    }
}

@Suite("Person features")
struct PersonFeatureTests {
    func features(_ timelines: [PersonTimeline]) -> (PersonFeatureExtractor, Dataset) {
        let extractor = PersonFeatureExtractor(context: PopulationContext(timelines: timelines))
        return (extractor, extractor.dataset(for: timelines))
    }

    func value(_ data: Dataset, _ row: Int, _ feature: PersonFeature) -> Double {
        guard case .numeric(let values) = data.columns[feature.rawValue] else { return .nan }
        return values[row]
    }

    @Test("every feature is documented once, with a meaning and a unit")
    func definitions() {
        let definitions = PersonFeature.allCases.map(\.definition)
        #expect(Set(definitions.map(\.name)).count == definitions.count)
        #expect(definitions.allSatisfy { !$0.meaning.isEmpty && !$0.unit.isEmpty })
        #expect(definitions.allSatisfy { $0.name == $0.name.lowercased() && !$0.name.contains(" ") })
    }

    @Test("a pension paid after death and never verified: months counted after the death and the last check")
    func paidAfterDeath() {
        let deadID = Town.id("1940-05-01", 7)
        let dead = PersonTimeline(
            idNumber: deadID, person: Town.person(deadID, address: "和平路1号"),
            payments: Town.pensions(deadID, from: "2024-01", months: 24, account: "D1"),
            deaths: [DeathRecord(idNumber: deadID, deathDate: Town.date("2025-06-15"), source: .civilAffairs)],
            bankAccounts: [BankAccount(account: "D1", holderIDNumber: deadID)])
        let (extractor, data) = features([Town.honest(1), dead])
        #expect(extractor.context.dataEnd == Town.period("2025-12"))
        #expect(value(data, 0, .monthsPaidAfterDeath) == 0)
        #expect(value(data, 1, .monthsPaidAfterDeath) == 6)  // 2025-07 … 2025-12
        #expect(value(data, 0, .monthsPaidAfterLastCheck) == 6)  // checked 2025-06
        #expect(value(data, 1, .monthsPaidAfterLastCheck) == 24)  // never checked
        #expect(value(data, 0, .pensionMonths) == 24)
        #expect(value(data, 0, .age) == 75)
    }

    @Test("a pension reversed after a late death registration is no month paid after death")
    func reversedAfterLateRegistration() {
        let id = Town.id("1941-05-01", 8)
        let paid = Town.pensions(id, from: "2025-01", months: 9, account: "L1")  // through 2025-09
        let reversals = (7...9).map { month in
            BenefitPayment(
                paymentID: "R\(month)", idNumber: id, benefit: .pension, period: Town.period("2025-0\(month)"),
                amount: Money(fen: -300_000), bankAccount: "L1", regionCode: "370102")
        }
        let late = PersonTimeline(
            idNumber: id, person: Town.person(id, address: "和平路5号"), payments: paid + reversals,
            deaths: [DeathRecord(idNumber: id, deathDate: Town.date("2025-06-20"), source: .health)])
        let (_, data) = features([Town.honest(1), late])
        #expect(value(data, 1, .monthsPaidAfterDeath) == 0)
    }

    @Test("one account collecting the pensions of unrelated people of another household")
    func sharedAccount() {
        let holderID = Town.id("1980-01-01", 50)
        let holder = PersonTimeline(
            idNumber: holderID, person: Town.person(holderID, address: "远方路9号"),
            bankAccounts: [BankAccount(account: "SHARED", holderIDNumber: holderID)])
        let payees = (60..<63).map { sequence in
            let id = Town.id("1948-02-01", sequence)
            return PersonTimeline(
                idNumber: id, person: Town.person(id, address: "幸福路\(sequence)号"),
                payments: Town.pensions(id, from: "2025-01", months: 12, account: "SHARED"))
        }
        let (_, data) = features([Town.honest(1), holder] + payees)
        #expect(value(data, 0, .accountSharers) == 0)
        #expect(value(data, 0, .paidToOtherHouseholdShare) == 0)
        for row in 2...4 {
            #expect(value(data, row, .accountSharers) == 2)
            #expect(value(data, row, .paidToOtherHouseholdShare) == 1)
            #expect(value(data, row, .distinctAccounts) == 1)
        }
    }

    @Test("two pensions in one month from regions far apart")
    func doublePension() {
        let id = Town.id("1955-01-01", 9)
        let t = PersonTimeline(
            idNumber: id, person: Town.person(id, address: "和平路2号"),
            payments: Town.pensions(id, from: "2025-01", months: 12, account: "X1")
                + Town.pensions(id, from: "2025-07", months: 6, account: "X2", amount: 20_000, region: "460105"))
        let (_, data) = features([Town.honest(1), t])
        #expect(value(data, 1, .doublePensionMonths) == 6)
        #expect(value(data, 1, .pensionPaymentRegions) == 2)
        #expect(value(data, 1, .distinctAccounts) == 2)
        // 济南历下 to 海口秀英: about 1,870 km.
        #expect((1_700...2_000).contains(value(data, 1, .paymentRegionSpreadKm)))
        #expect(value(data, 0, .doublePensionMonths) == 0)
        #expect(value(data, 0, .paymentRegionSpreadKm) == 0)
    }

    @Test("same-day visits far apart, a next-day re-admission and an outlying bill")
    func medical() {
        let id = Town.id("1970-01-01", 11)
        func visit(_ n: Int, _ day: String, _ region: String, fund: Int64, visit kind: VisitKind = .outpatient,
                   discharge: String? = nil, hospital: String = "H1") -> MedicalSettlement {
            MedicalSettlement(
                settlementID: "S\(n)", idNumber: id, institutionID: hospital, visit: kind, admissionDate: Town.date(day),
                totalAmount: Money(fen: fund * 2), fundAmount: Money(fen: fund),
                dischargeDate: discharge.map(Town.date), regionCode: region, offSite: region != "370102")
        }
        let patient = PersonTimeline(
            idNumber: id, person: Town.person(id, address: "和平路3号"),
            settlements: [
                visit(1, "2025-03-01", "370102", fund: 20_000),
                visit(2, "2025-03-01", "460105", fund: 22_000),
                visit(3, "2025-04-01", "370102", fund: 500_000, visit: .inpatient, discharge: "2025-04-10"),
                visit(4, "2025-04-11", "370102", fund: 520_000, visit: .inpatient, discharge: "2025-04-20"),
                visit(5, "2025-05-01", "370102", fund: 9_000_000),
            ])
        let others = (20..<40).map { n -> PersonTimeline in
            let other = Town.id("1960-01-01", n)
            return PersonTimeline(
                idNumber: other,
                settlements: [
                    MedicalSettlement(
                        settlementID: "O\(n)", idNumber: other, institutionID: "H1", visit: .outpatient,
                        admissionDate: Town.date("2025-02-01"), totalAmount: Money(fen: 40_000),
                        fundAmount: Money(fen: Int64(15_000 + 500 * n)), regionCode: "370102")
                ])
        }
        let (_, data) = features([patient] + others)
        #expect(value(data, 0, .sameDayVisitDistanceKm) > 1_700)
        #expect(value(data, 0, .readmissionsNextDay) == 1)
        #expect(value(data, 0, .offSiteShare) == 0.2)
        #expect(value(data, 0, .settlementMaxRobustZ) > 10)
        #expect(value(data, 1, .sameDayVisitDistanceKm) == 0)
        #expect(value(data, 1, .settlementMaxRobustZ) < 3)
    }

    @Test("the parallel table equals the sequential one")
    func parallel() {
        let timelines = (0..<3_000).map { Town.honest($0 % 900 + 1, born: 1940 + $0 / 900) }
        let extractor = PersonFeatureExtractor(context: PopulationContext(timelines: timelines))
        let parallel = extractor.parallelDataset(for: timelines)
        let sequential = extractor.dataset(for: timelines)
        #expect(parallel.names == sequential.names)
        // NaN marks a missing value and is never == itself, so compare bit patterns.
        let same = zip(parallel.columns, sequential.columns).allSatisfy { a, b in
            guard case .numeric(let x) = a, case .numeric(let y) = b else { return false }
            return x.map(\.bitPattern) == y.map(\.bitPattern)
        }
        #expect(same)
        #expect(parallel.rowCount == 3_000)
    }

    @Test("overlapping enrollments count pairs open at once")
    func overlaps() {
        let id = Town.id("1980-01-01", 3)
        let employee = Enrollment(
            idNumber: id, insurance: .medicalEmployee, regionCode: "370102", startDate: Town.date("2010-01-01"))
        let resident = Enrollment(
            idNumber: id, insurance: .medicalResident, regionCode: "370102", startDate: Town.date("2025-01-01"))
        let earlier = Enrollment(
            idNumber: id, insurance: .medicalResident, regionCode: "370102", startDate: Town.date("2000-01-01"),
            endDate: Town.date("2009-12-31"))
        #expect(PersonFeatureExtractor.overlaps([employee, resident], distinctInsurance: true) == 1)
        #expect(PersonFeatureExtractor.overlaps([earlier, employee], distinctInsurance: true) == 0)
    }
}
