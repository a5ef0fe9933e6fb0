@testable import AuditRules
import Foundation
import FundWatchCore

/// Hand-built timelines: an honest pensioner to start from, and the edits that plant one
/// irregularity each.
enum Fixture {
    static func date(_ s: String) -> CivilDate { CivilDate(s)! }
    static func period(_ s: String) -> Period { Period(s)! }
    static func id(_ sequence: Int, born: String = "1955-06-10") -> IDNumber {
        IDNumber(region: "370102", birthDate: date(born), sequence: sequence)
    }

    static let pensionerID = id(101)
    static let account = "6222000000000001"
    static let months = (1...12).map { period(String(format: "2025-%02d", $0)) }

    /// A man born 1955, retired in 2015, paid ¥3,000 a month in 2025 into his own account,
    /// verified alive in March, employee medical insurance since 2000.
    static func pensioner(_ id: IDNumber = pensionerID, address: String = "历下区泉城路1号", account: String = account) -> PersonTimeline {
        let person = Person(idNumber: id, name: "张三", sex: .male, birthDate: id.birthDate, regionCode: "370102", address: address)
        return PersonTimeline(
            idNumber: id, person: person,
            enrollments: [
                Enrollment(idNumber: id, insurance: .pensionEmployee, regionCode: "370102", startDate: date("1990-01-01"), employerID: "E3701020001", endDate: date("2015-06-30")),
                Enrollment(idNumber: id, insurance: .medicalEmployee, regionCode: "370102", startDate: date("2000-01-01")),
            ],
            payments: months.map { pension(id, $0, account: account) },
            bankAccounts: [BankAccount(account: account, holderIDNumber: id)],
            qualificationChecks: [QualificationCheck(idNumber: id, checkDate: date("2025-03-05"), method: .faceRecognition)])
    }

    static func pension(_ id: IDNumber, _ p: Period, yuan: Int64 = 3000, account: String = account, suffix: String = "", region: String = "370102", operatorID: String = "JB370102-1") -> BenefitPayment {
        BenefitPayment(
            paymentID: "P\(id.value.suffix(4))-\(p)\(suffix)", idNumber: id, benefit: .pension, period: p, amount: Money(yuan: yuan),
            payDate: p.firstDay.adding(days: 9), bankAccount: account, regionCode: region, operatorID: operatorID)
    }

    /// A working man of 40 at employer E3701020002 since 2010, with wages every month of 2025.
    static func worker(_ id: IDNumber = id(203, born: "1985-04-01")) -> PersonTimeline {
        let person = Person(idNumber: id, name: "李四", sex: .male, birthDate: id.birthDate, regionCode: "370102", address: "历下区经十路9号")
        let employer = "E3701020002"
        return PersonTimeline(
            idNumber: id, person: person,
            enrollments: [Insurance.pensionEmployee, .medicalEmployee, .unemployment, .workInjury].map {
                Enrollment(idNumber: id, insurance: $0, regionCode: "370102", startDate: date("2010-03-01"), employerID: employer)
            },
            contributions: months.map {
                Contribution(idNumber: id, insurance: .pensionEmployee, period: $0, amount: Money(yuan: 900), employerID: employer, paidDate: $0.firstDay.adding(days: 19))
            },
            employment: months.map { EmploymentRecord(idNumber: id, employerID: employer, period: $0, income: Money(yuan: 7000)) },
            bankAccounts: [BankAccount(account: "6222000000000202", holderIDNumber: id)])
    }

    static func settlement(_ id: IDNumber, _ sid: String, _ admission: String, discharge: String? = nil, institution: String = "H370102001", visit: VisitKind = .outpatient, diagnosis: String = "J06.9", region: String = "370102") -> MedicalSettlement {
        MedicalSettlement(
            settlementID: sid, idNumber: id, institutionID: institution, visit: visit, admissionDate: date(admission),
            totalAmount: Money(yuan: 1000), fundAmount: Money(yuan: 700), dischargeDate: discharge.map(date), diagnosis: diagnosis,
            regionCode: region)
    }

    static func death(_ id: IDNumber, _ d: String) -> DeathRecord { DeathRecord(idNumber: id, deathDate: date(d), source: .civilAffairs) }

    /// An index over some timelines and staff.
    static func index(_ timelines: [PersonTimeline], staff: [Staff] = []) -> PopulationIndex {
        var builder = PopulationIndex.Builder()
        for t in timelines { builder.add(t) }
        builder.add(staff: staff)
        return builder.build()
    }
}

extension PersonTimeline {
    /// A copy with one edit applied, re-sorted.
    func with(_ edit: (inout PersonTimeline) -> Void) -> PersonTimeline {
        var copy = self
        edit(&copy)
        return copy.sorted()
    }
}
