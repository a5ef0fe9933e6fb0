@testable import AuditRules
import FundWatchCore

/// The cases of the rules added in the library's second round.
extension RuleCase {
    static let secondRound: [RuleCase] = [
        pensionInsufficientContributions, enrollmentDuplicatePension, enrollmentInvalidID, enrollmentIdentityMismatch,
        injuryMedicalDoubleClaim, medicalAmountOutlier, survivorBenefitWithoutDeath, accountHolderMismatch,
        paymentWithoutEnrollment, deathRecordConflict,
    ]

    static let pensionInsufficientContributions: RuleCase = {
        // Born October 1964: statutory retirement in October 2024, pension from January 2025.
        let id = F.id(801, born: "1964-10-05")
        func insured(from start: String) -> PersonTimeline {
            F.pensioner(id).with {
                $0.enrollments = [
                    Enrollment(idNumber: id, insurance: .pensionEmployee, regionCode: "370102", startDate: F.date(start), employerID: "E3701020001", endDate: F.date("2024-09-30"))
                ]
            }
        }
        return RuleCase(rule: "pension_insufficient_contributions", fires: insured(from: "2015-01-01"), passes: insured(from: "1995-01-01"))
    }()

    static let enrollmentDuplicatePension: RuleCase = {
        func resident(_ start: String, end: String?) -> Enrollment {
            Enrollment(idNumber: F.worker().idNumber, insurance: .pensionResident, regionCode: "371402", startDate: F.date(start), endDate: end.map(F.date))
        }
        return RuleCase(
            rule: "enrollment_duplicate_pension",
            fires: F.worker().with { $0.enrollments.append(resident("2020-05-01", end: nil)) },
            passes: F.worker().with { $0.enrollments.append(resident("2005-01-01", end: "2009-12-31")) })
    }()

    /// A well-formed number (right check digit) whose region 379901 is no GB/T 2260 division.
    static let enrollmentInvalidID = RuleCase(
        rule: "enrollment_invalid_id",
        fires: F.worker(IDNumber(region: "379901", birthDate: F.date("1985-04-01"), sequence: 203)),
        passes: F.worker())

    static let enrollmentIdentityMismatch = RuleCase(
        rule: "enrollment_identity_mismatch",
        fires: F.worker().with { $0.person?.birthDate = F.date("1980-04-01") },
        passes: F.worker())

    static let injuryMedicalDoubleClaim: RuleCase = {
        let id = F.worker().idNumber
        let injured = F.worker().with {
            $0.injuryClaims = [
                InjuryClaim(claimID: "GS1", idNumber: id, employerID: "E3701020002", injuryDate: F.date("2025-03-10"), claimDate: F.date("2025-03-25"), amount: Money(yuan: 30_000))
            ]
            $0.settlements = [F.settlement(id, "S1", "2025-03-10", discharge: "2025-03-18", visit: .inpatient, diagnosis: "S62.6")]
        }
        return RuleCase(
            rule: "injury_medical_double_claim",
            fires: injured.with { $0.settlements.append(F.settlement(id, "S2", "2025-04-02", institution: "H370103001", diagnosis: "S62.6")) },
            passes: injured.with { $0.settlements.append(F.settlement(id, "S2", "2025-04-02", institution: "H370103001", diagnosis: "J06.9")) })
    }()

    /// Forty neighbours with ordinary outpatient bills of ¥300–¥690 from the fund make the baseline.
    static let neighbours: [PersonTimeline] = (0..<40).map { k in
        let id = F.id(300 + k, born: "1970-01-01")
        return PersonTimeline(
            idNumber: id, person: Person(idNumber: id, name: "邻\(k)", regionCode: "370102", address: "历下区第\(k)号"),
            settlements: [
                MedicalSettlement(
                    settlementID: "N\(k)", idNumber: id, institutionID: "H370102001", visit: .outpatient, admissionDate: F.date("2025-05-0\(1 + k % 9)"),
                    totalAmount: Money(yuan: 1500), fundAmount: Money(yuan: Int64(300 + 10 * k)), regionCode: "370102")
            ])
    }

    static let medicalAmountOutlier: RuleCase = {
        let id = F.pensionerID
        func billed(_ yuan: Int64) -> PersonTimeline {
            F.pensioner().with {
                $0.settlements = [
                    MedicalSettlement(
                        settlementID: "S1", idNumber: id, institutionID: "H370102001", visit: .outpatient, admissionDate: F.date("2025-05-12"),
                        totalAmount: Money(yuan: yuan * 2), fundAmount: Money(yuan: yuan), regionCode: "370102")
                ]
            }
        }
        let fires = billed(60_000), passes = billed(650)
        return RuleCase(
            rule: "medical_amount_outlier", fires: fires, passes: passes, firesIndex: F.index(neighbours + [fires]),
            passesIndex: F.index(neighbours + [passes]))
    }()

    static let survivorBenefitWithoutDeath: RuleCase = {
        let widow = F.worker().with {
            $0.payments = [BenefitPayment(paymentID: "Y1", idNumber: $0.idNumber, benefit: .survivor, period: F.period("2025-06"), amount: Money(yuan: 1200))]
        }
        // The late husband lived at the same address.
        let husbandID = F.id(909, born: "1950-01-01")
        let husband = PersonTimeline(
            idNumber: husbandID, person: Person(idNumber: husbandID, name: "王五", address: "历下区经十路9号"),
            deaths: [F.death(husbandID, "2025-03-01")])
        return RuleCase(
            rule: "survivor_benefit_without_death", fires: widow, passes: widow, firesIndex: F.index([widow]),
            passesIndex: F.index([widow, husband]))
    }()

    static let accountHolderMismatch: RuleCase = {
        let otherID = F.id(606, born: "1980-01-01")
        func holder(address: String) -> PersonTimeline {
            PersonTimeline(
                idNumber: otherID, person: Person(idNumber: otherID, name: "赵六", address: address),
                bankAccounts: [BankAccount(account: "6228000000000777", holderIDNumber: otherID)])
        }
        let paid = F.pensioner().with { t in t.payments = F.months.map { F.pension(t.idNumber, $0, account: "6228000000000777") } }
        return RuleCase(
            rule: "account_holder_mismatch", fires: paid, passes: paid, firesIndex: F.index([paid, holder(address: "槐荫区某路2号")]),
            passesIndex: F.index([paid, holder(address: "历下区泉城路1号")]))
    }()

    static let paymentWithoutEnrollment: RuleCase = {
        let benefit: (inout PersonTimeline) -> Void = {
            $0.payments = [BenefitPayment(paymentID: "U1", idNumber: $0.idNumber, benefit: .unemployment, period: F.period("2025-06"), amount: Money(yuan: 1950))]
        }
        return RuleCase(
            rule: "payment_without_enrollment",
            fires: F.worker().with {
                benefit(&$0)
                $0.enrollments.removeAll { $0.insurance == .unemployment }
            },
            passes: F.worker().with(benefit))
    }()

    static let deathRecordConflict: RuleCase = {
        let id = F.pensionerID
        let dead = F.pensioner().with { $0.deaths = [F.death(id, "2025-05-10")] }
        return RuleCase(
            rule: "death_record_conflict",
            fires: dead.with { $0.qualificationChecks.append(QualificationCheck(idNumber: id, checkDate: F.date("2025-08-01"), method: .inPerson)) },
            passes: dead)
    }()
}
