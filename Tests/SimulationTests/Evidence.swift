import Foundation
import FundWatchCore
import Simulation

/// What each planted scheme must leave in the files: a plain reading of the rule it is named
/// after. The tests check both that every labelled person shows it and that nobody else does.
enum Evidence {
    static func holds(_ scheme: FraudScheme, for t: PersonTimeline, in population: Population) -> Bool {
        let configuration = population.configuration
        let pensions = t.payments(of: .pension)
        switch scheme {
        case .pensionAfterDeath:
            guard let death = t.deathDate else { return false }
            return pensions.contains { $0.period > death.period && $0.amount > .zero }
        case .pensionInCustody:
            return pensions.contains { p in
                t.custody.contains {
                    $0.kind == .imprisonment && $0.startDate.period < p.period && $0.covers(p.period.firstDay)
                }
            }
        case .duplicatePension:
            let byPeriod = Dictionary(grouping: pensions, by: \.period)
            return byPeriod.values.contains { Set($0.compactMap(\.regionCode)).count >= 2 }
        case .pensionBeforeRetirementAge:
            return pensions.contains { $0.period < t.retirementPeriod() }
        case .fakeEnrollmentShellEmployer:
            let employers = Set(
                t.contributions.filter { $0.period >= configuration.windowStart && !$0.backPayment }.compactMap(
                    \.employerID))
            return employers.contains { e in
                t.enrollments.contains { $0.insurance == .pensionEmployee && $0.employerID == e }
                    && !t.employment.contains { $0.employerID == e }
            }
        case .duplicateMedicalEnrollment:
            let medical = t.enrollments.filter { $0.insurance.isMedical }
            return medical.contains { a in
                medical.contains { b in a.insurance != b.insurance && b.covers(a.startDate) }
            }
        case .unemploymentWhileEmployed:
            return t.payments(of: .unemployment).contains { t.isEmployed(in: $0.period) }
        case .injuryBeforeEnrollment:
            return t.injuryClaims.contains { claim in
                !t.isEnrolled(in: .workInjury, at: claim.injuryDate)
                    && t.enrollments.contains { $0.insurance == .workInjury && $0.startDate > claim.injuryDate }
            }
        case .medicalAfterDeath:
            guard let death = t.deathDate else { return false }
            return t.settlements.contains { $0.admissionDate > death }
        case .splitHospitalisation:
            // Exact duplicate rows (one settlement exported twice) are not a second stay.
            var seen = Set<String>()
            let stays = t.settlements.filter { $0.visit == .inpatient && seen.insert($0.settlementID).inserted }
            return zip(stays, stays.dropFirst()).contains { a, b in
                a.institutionID == b.institutionID
                    && (a.dischargeDate.map { $0.days(to: b.admissionDate) <= 1 } ?? false)
            }
        case .sameDayDistantVisits:
            let byDay = Dictionary(grouping: t.settlements.filter { $0.visit == .outpatient }, by: \.admissionDate)
            return byDay.values.contains { visits in
                let points = visits.compactMap { $0.regionCode.flatMap { RegionCatalog.shared.region($0) } }
                return points.contains { a in points.contains { b in kilometres(a, b) > 300 } }
            }
        case .sharedBankAccount:
            guard let address = t.person?.address else { return false }
            return pensions.contains { p in
                guard let account = p.bankAccount, let holder = population.holderByAccount[account],
                    holder != t.idNumber
                else { return false }
                return population.timelines[holder]?.person?.address != address
            }
        case .operatorPaysRelatives:
            guard let address = t.person?.address else { return false }
            return t.payments.contains { p in
                guard let op = p.operatorID, let staff = population.staffByID[op] else { return false }
                return (population.byNameAndAddress[staff.name + "|" + address] ?? []).contains { other in
                    other != t.idNumber
                        && population.timelines[other]!.employment.contains { $0.employerID.hasSuffix("0000") }
                }
            }
        case .veryLargePayment:
            guard let largest = t.payments.max(by: { $0.amount < $1.amount }) else { return false }
            let others = t.payments.filter { $0.paymentID != largest.paymentID && $0.benefit == largest.benefit }.map(
                \.amount.fen)
            guard let typical = others.max() else { return false }
            return largest.amount.fen >= 10_000_000 && largest.amount.fen >= 20 * typical
        case .unverifiedVeryOldPensioner:
            return t.age(at: configuration.lastDay) >= 105 && !pensions.isEmpty && t.qualificationChecks.isEmpty
                && t.deaths.isEmpty
        case .insufficientContributions:
            guard let first = pensions.first?.period, first > configuration.windowStart, first >= t.retirementPeriod(),
                !t.enrollments.contains(where: { $0.insurance == .pensionResident }),
                let start = t.enrollments.filter({ $0.insurance == .pensionEmployee }).map(\.startDate.period).min()
            else { return false }
            let back = Set(t.contributions.filter { $0.backPayment && $0.period < start }.map(\.period)).count
            return start.months(to: first) + back < 180
        case .duplicatePensionEnrollment:
            let pension = t.enrollments.filter { $0.insurance.isPension }
            return pension.contains { a in pension.contains { b in a != b && b.startDate <= a.startDate && b.covers(a.startDate) } }
        case .invalidIDEnrollment:
            return RegionCatalog.shared.region(String(t.idNumber.value.prefix(6))) == nil
        case .identityMismatch:
            return t.person?.birthDate.map { $0 != t.idNumber.birthDate } ?? false
        case .injuryMedicalDoubleClaim:
            return t.injuryClaims.contains { claim in
                t.settlements.contains {
                    $0.admissionDate > claim.injuryDate && claim.injuryDate.days(to: $0.admissionDate) <= 180
                        && ($0.diagnosis?.first == "S" || $0.diagnosis?.first == "T")
                }
            }
        case .medicalAmountOutlier:
            return t.settlements.contains { $0.visit == .outpatient && $0.fundAmount.fen >= 3_000_000 }
        case .survivorWithoutDeath:
            guard !t.payments(of: .survivor).isEmpty, let address = t.person?.address else { return false }
            return !population.timelines.values.contains { $0.person?.address == address && !$0.deaths.isEmpty }
        case .accountHolderMismatch:
            guard let address = t.person?.address else { return false }
            return pensions.contains { p in
                guard let account = p.bankAccount, let holder = population.holderByAccount[account], holder != t.idNumber
                else { return false }
                return population.timelines[holder]?.person?.address != address
            }
        case .paymentWithoutEnrollment:
            return !t.payments(of: .unemployment).isEmpty && !t.enrollments.contains { $0.insurance == .unemployment }
        case .backPaymentBeforeRetirement:
            let back = t.contributions.filter(\.backPayment)
            guard back.count >= 60, let firstPension = pensions.first?.period else { return false }
            return back.allSatisfy { c in
                c.paidDate.map { $0.period < firstPension && $0.period.months(to: firstPension) <= 12 } ?? false
            }
        }
    }

    static func kilometres(_ a: Region, _ b: Region) -> Double {
        let r = 6371.0
        let p1 = a.latitude * .pi / 180
        let p2 = b.latitude * .pi / 180
        let dp = (b.latitude - a.latitude) * .pi / 180
        let dl = (b.longitude - a.longitude) * .pi / 180
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * r * asin(h.squareRoot())
    }
}
