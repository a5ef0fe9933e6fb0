@testable import AuditRules
import FundWatchCore

/// One rule with a hand-built timeline where it must fire and one where it must not.
struct RuleCase: Sendable, CustomStringConvertible {
    let rule: String
    let fires: PersonTimeline
    let passes: PersonTimeline
    var firesIndex: PopulationIndex = .empty
    var passesIndex: PopulationIndex = .empty
    var description: String { rule }
}

extension RuleCase {
    typealias F = Fixture

    static let all: [RuleCase] = [
        pensionAfterDeath, pensionInCustody, pensionDuplicate, pensionBeforeRetirementAge, enrollmentShellEmployer,
        enrollmentDuplicateMedical, unemploymentWhileEmployed, injuryBeforeEnrollment, medicalAfterDeath,
        medicalSplitHospitalization, medicalSameDayDistant, accountSharedUnrelated, operatorRelatedPayee,
        pensionOverAgeCap, pensionNoSurvivalCheck, backPaymentBeforeRetirement, pensionAmountOutlier,
        enrollmentAfterDeath, unemploymentWithPension, medicalDuringCustody, medicalInpatientOverlap,
        funeralGrantDuplicate,
    ] + secondRound

    static let pensionAfterDeath: RuleCase = {
        let id = F.pensionerID
        let dead = F.pensioner().with { $0.deaths = [F.death(id, "2025-05-10")] }
        // Registered late: the months paid after death were reversed, so nothing is lost.
        let reversed = dead.with { t in
            for p in F.months where p > F.period("2025-05") {
                t.payments.append(BenefitPayment(paymentID: "R-\(p)", idNumber: id, benefit: .pension, period: p, amount: Money(yuan: -3000)))
            }
        }
        return RuleCase(rule: "pension_after_death", fires: dead, passes: reversed)
    }()

    static let pensionInCustody = RuleCase(
        rule: "pension_in_custody",
        fires: F.pensioner().with { $0.custody = [CustodyRecord(idNumber: F.pensionerID, startDate: F.date("2025-04-15"), kind: .imprisonment)] },
        passes: F.pensioner().with {
            $0.custody = [CustodyRecord(idNumber: F.pensionerID, startDate: F.date("2025-04-15"), kind: .detention, endDate: F.date("2025-04-30"))]
        })

    static let pensionDuplicate = RuleCase(
        rule: "pension_duplicate",
        fires: F.pensioner().with { t in
            for p in F.months where p >= F.period("2025-06") {
                t.payments.append(F.pension(F.pensionerID, p, yuan: 250, account: "6228000000000999", suffix: "B", region: "371402"))
            }
        },
        passes: F.pensioner())

    static let pensionBeforeRetirementAge = RuleCase(
        rule: "pension_before_retirement_age",
        fires: F.worker().with { t in t.payments = F.months.map { F.pension(t.idNumber, $0, account: "6222000000000202") } },
        passes: F.pensioner())

    static let enrollmentShellEmployer: RuleCase = {
        let id = F.id(303, born: "1975-02-02")
        let shell = "E3701020099"
        let resident = PersonTimeline(
            idNumber: id, person: Person(idNumber: id, name: "赵六", sex: .female, birthDate: id.birthDate, address: "历城区1号"),
            enrollments: [
                Enrollment(idNumber: id, insurance: .pensionEmployee, regionCode: "370102", startDate: F.date("2025-03-01"), employerID: shell)
            ],
            contributions: F.months.filter { $0 >= F.period("2025-03") }.map {
                Contribution(idNumber: id, insurance: .pensionEmployee, period: $0, amount: Money(yuan: 912), employerID: shell)
            })
        return RuleCase(rule: "enrollment_shell_employer", fires: resident, passes: F.worker())
    }()

    static let enrollmentDuplicateMedical: RuleCase = {
        let resident = Enrollment(idNumber: F.worker().idNumber, insurance: .medicalResident, regionCode: "371402", startDate: F.date("2025-05-01"))
        let switched = F.worker().with { t in
            t.enrollments = t.enrollments.map { e in
                guard e.insurance == .medicalEmployee else { return e }
                var ended = e
                ended.endDate = F.date("2025-04-30")
                return ended
            } + [resident]
        }
        return RuleCase(
            rule: "enrollment_duplicate_medical", fires: F.worker().with { $0.enrollments.append(resident) }, passes: switched)
    }()

    static let unemploymentWhileEmployed: RuleCase = {
        let id = F.worker().idNumber
        func benefit(_ p: String) -> BenefitPayment {
            BenefitPayment(paymentID: "U-\(p)", idNumber: id, benefit: .unemployment, period: F.period(p), amount: Money(yuan: 2000))
        }
        return RuleCase(
            rule: "unemployment_while_employed",
            fires: F.worker().with { $0.payments = [benefit("2025-06")] },
            passes: F.worker().with { t in
                t.employment = t.employment.filter { $0.period <= F.period("2025-05") }
                t.payments = ["2025-06", "2025-07", "2025-08"].map(benefit)
            })
    }()

    static let injuryBeforeEnrollment: RuleCase = {
        let id = F.worker().idNumber
        let claim = InjuryClaim(
            claimID: "GS-1", idNumber: id, employerID: "E3701020002", injuryDate: F.date("2025-05-01"), claimDate: F.date("2025-05-20"),
            amount: Money(yuan: 50_000))
        return RuleCase(
            rule: "injury_before_enrollment",
            fires: F.worker().with { t in
                t.enrollments = t.enrollments.filter { $0.insurance != .workInjury } + [
                    Enrollment(idNumber: id, insurance: .workInjury, regionCode: "370102", startDate: F.date("2025-05-10"), employerID: "E3701020002")
                ]
                t.injuryClaims = [claim]
            },
            passes: F.worker().with { $0.injuryClaims = [claim] })
    }()

    static let medicalAfterDeath: RuleCase = {
        let id = F.pensionerID
        let dead = F.pensioner().with { t in
            t.deaths = [F.death(id, "2025-05-10")]
            t.payments = t.payments.filter { $0.period <= F.period("2025-05") }
        }
        return RuleCase(
            rule: "medical_after_death",
            fires: dead.with { $0.settlements = [F.settlement(id, "S1", "2025-06-01")] },
            passes: dead.with { $0.settlements = [F.settlement(id, "S1", "2025-05-01", discharge: "2025-05-12", visit: .inpatient)] })
    }()

    static let medicalSplitHospitalization: RuleCase = {
        let id = F.pensionerID
        let first = F.settlement(id, "S1", "2025-03-01", discharge: "2025-03-10", visit: .inpatient, diagnosis: "I63.9")
        return RuleCase(
            rule: "medical_split_hospitalization",
            fires: F.pensioner().with {
                $0.settlements = [first, F.settlement(id, "S2", "2025-03-11", discharge: "2025-03-20", visit: .inpatient, diagnosis: "I63.9")]
            },
            passes: F.pensioner().with {
                $0.settlements = [first, F.settlement(id, "S2", "2025-05-01", discharge: "2025-05-09", visit: .inpatient, diagnosis: "I63.9")]
            })
    }()

    static let medicalSameDayDistant: RuleCase = {
        let id = F.pensionerID
        let home = F.settlement(id, "S1", "2025-04-02")
        return RuleCase(
            rule: "medical_same_day_distant",
            fires: F.pensioner().with { $0.settlements = [home, F.settlement(id, "S2", "2025-04-02", institution: "H440305001", region: "440305")] },
            passes: F.pensioner().with { $0.settlements = [home, F.settlement(id, "S2", "2025-04-02", institution: "H370103001", region: "370103")] })
    }()

    static let accountSharedUnrelated: RuleCase = {
        let shared = "6217000000000777"
        let payees = (0..<3).map { i in F.pensioner(F.id(400 + i, born: "1950-01-0\(i + 1)"), address: "市中区\(i)号", account: shared).with { $0.bankAccounts = [] } }
        let holder = F.worker().with { $0.bankAccounts = [BankAccount(account: shared, holderIDNumber: $0.idNumber)] }
        // A pension paid into the spouse's account: one household, legitimate.
        let spouse = F.pensioner(F.id(500, born: "1952-02-02"), address: "市中区0号").with { $0.bankAccounts = [BankAccount(account: "6217000000000888", holderIDNumber: $0.idNumber)] }
        let wife = F.pensioner(F.id(501, born: "1953-03-03"), address: "市中区0号", account: "6217000000000888").with { $0.bankAccounts = [] }
        return RuleCase(
            rule: "account_shared_unrelated", fires: payees[0], passes: wife,
            firesIndex: F.index(payees + [holder]), passesIndex: F.index([spouse, wife]))
    }()

    static let operatorRelatedPayee: RuleCase = {
        let staffID = "JB370102-000000007"
        let relative = F.pensioner(F.id(600, born: "1980-01-01"), address: "槐荫区7号").with { t in
            t.payments = F.months.prefix(6).map {
                BenefitPayment(paymentID: "U-\($0)", idNumber: t.idNumber, benefit: .unemployment, period: $0, amount: Money(yuan: 2000), operatorID: staffID)
            }
        }
        func operatorPerson(address: String) -> PersonTimeline {
            let id = F.id(601, born: "1982-02-02")
            return PersonTimeline(
                idNumber: id, person: Person(idNumber: id, name: "王五", address: address),
                employment: F.months.map { EmploymentRecord(idNumber: id, employerID: "E3701020000", period: $0) })
        }
        let staff = [Staff(staffID: staffID, name: "王五", regionCode: "370102")]
        return RuleCase(
            rule: "operator_related_payee", fires: relative, passes: relative,
            firesIndex: F.index([relative, operatorPerson(address: "槐荫区7号")], staff: staff),
            passesIndex: F.index([relative, operatorPerson(address: "天桥区8号")], staff: staff))
    }()

    static let pensionOverAgeCap = RuleCase(
        rule: "pension_over_age_cap",
        fires: F.pensioner(F.id(700, born: "1915-01-01")).with { $0.qualificationChecks = [] },
        passes: F.pensioner(F.id(701, born: "1922-01-01")))

    static let pensionNoSurvivalCheck = RuleCase(
        rule: "pension_no_survival_check", fires: F.pensioner().with { $0.qualificationChecks = [] }, passes: F.pensioner())

    static let backPaymentBeforeRetirement: RuleCase = {
        let id = F.id(800, born: "1966-05-01")
        func backPaid(_ months: Int) -> PersonTimeline {
            F.worker(id).with { t in
                for i in 0..<months {
                    t.contributions.append(
                        Contribution(
                            idNumber: id, insurance: .pensionEmployee, period: F.period("2005-01").adding(months: i), amount: Money(yuan: 600),
                            paidDate: F.date("2025-11-05"), backPayment: true))
                }
            }
        }
        return RuleCase(rule: "back_payment_before_retirement", fires: backPaid(60), passes: backPaid(3))
    }()

    static let pensionAmountOutlier = RuleCase(
        rule: "pension_amount_outlier",
        fires: F.pensioner().with { t in t.payments[6] = F.pension(t.idNumber, F.months[6], yuan: 150_000) },
        passes: F.pensioner())

    static let enrollmentAfterDeath: RuleCase = {
        let id = F.pensionerID
        let dead = F.pensioner().with { $0.deaths = [F.death(id, "2025-01-10")] }
        func enrollment(end: String?) -> Enrollment {
            Enrollment(idNumber: id, insurance: .medicalResident, regionCode: "370102", startDate: F.date("2025-06-01"), endDate: end.map(F.date))
        }
        return RuleCase(
            rule: "enrollment_after_death", fires: dead.with { $0.enrollments.append(enrollment(end: nil)) },
            passes: dead.with { $0.enrollments.append(enrollment(end: "2025-06-01")) })
    }()

    static let unemploymentWithPension: RuleCase = {
        func benefit(_ id: IDNumber) -> BenefitPayment {
            BenefitPayment(paymentID: "U-1", idNumber: id, benefit: .unemployment, period: F.period("2025-06"), amount: Money(yuan: 2000))
        }
        return RuleCase(
            rule: "unemployment_with_pension", fires: F.pensioner().with { $0.payments.append(benefit($0.idNumber)) },
            passes: F.worker().with { t in
                t.employment = []
                t.payments = [benefit(t.idNumber)]
            })
    }()

    static let medicalDuringCustody: RuleCase = {
        let id = F.pensionerID
        let jailed = F.pensioner().with { $0.custody = [CustodyRecord(idNumber: id, startDate: F.date("2025-03-01"), kind: .imprisonment)] }
        return RuleCase(
            rule: "medical_during_custody", fires: jailed.with { $0.settlements = [F.settlement(id, "S1", "2025-05-01")] },
            passes: jailed.with { $0.settlements = [F.settlement(id, "S1", "2025-02-01")] })
    }()

    static let medicalInpatientOverlap: RuleCase = {
        let id = F.pensionerID
        let first = F.settlement(id, "S1", "2025-03-01", discharge: "2025-03-20", visit: .inpatient)
        return RuleCase(
            rule: "medical_inpatient_overlap",
            fires: F.pensioner().with {
                $0.settlements = [first, F.settlement(id, "S2", "2025-03-10", discharge: "2025-03-15", institution: "H370103001", visit: .inpatient)]
            },
            passes: F.pensioner().with {
                $0.settlements = [first, F.settlement(id, "S2", "2025-03-25", discharge: "2025-03-30", institution: "H370103001", visit: .inpatient)]
            })
    }()

    static let funeralGrantDuplicate: RuleCase = {
        func funeral(_ id: IDNumber, _ n: Int) -> BenefitPayment {
            BenefitPayment(paymentID: "F-\(n)", idNumber: id, benefit: .funeral, period: F.period("2025-0\(n + 6)"), amount: Money(yuan: 5000))
        }
        return RuleCase(
            rule: "funeral_grant_duplicate",
            fires: F.pensioner().with { $0.payments += [funeral($0.idNumber, 1), funeral($0.idNumber, 2)] },
            passes: F.pensioner().with { $0.payments += [funeral($0.idNumber, 1)] })
    }()
}
