public import FundWatchCore

/// Computes `PersonFeature`s of timelines against a `PopulationContext`.
///
/// Pure: the same timelines give the same values, so a model trained on one export scores the
/// next one consistently.
public struct PersonFeatureExtractor: FeatureExtractor {
    public typealias Subject = PersonTimeline

    public let context: PopulationContext

    public init(context: PopulationContext) {
        self.context = context
    }

    public var definitions: [FeatureDefinition] { PersonFeature.allCases.map(\.definition) }

    public func values(for t: PersonTimeline) -> [Double] {
        var v = [Double](repeating: 0, count: PersonFeature.allCases.count)
        func set(_ f: PersonFeature, _ x: Double) { v[f.rawValue] = x }
        func set(_ f: PersonFeature, _ x: Int) { v[f.rawValue] = Double(x) }

        let end = context.dataEnd
        set(.age, t.age(at: end.lastDay))
        let paid = t.payments.filter { $0.amount > .zero }
        let pensions = paid.filter { $0.benefit == .pension }
        let pensionPeriods = Set(pensions.map(\.period.index))
        set(.pensionMonths, pensionPeriods.count)

        // Death and survival checks.
        if let death = t.deathDate {
            // Net per month: a pension paid before a late death registration and then reversed
            // by a negative payment is no loss.
            var net = [Int: Int64]()
            for p in t.payments where p.period > death.period { net[p.period.index, default: 0] += p.amount.fen }
            set(.monthsPaidAfterDeath, net.values.filter { $0 > 0 }.count)
            set(.settlementsAfterDeath, t.settlements.filter { $0.admissionDate > death }.count)
        }
        let lastCheck = t.qualificationChecks.last?.checkDate.period.index ?? Int.min
        set(.monthsPaidAfterLastCheck, pensionPeriods.filter { $0 > lastCheck }.count)
        set(.monthsPaidInCustody, pensions.filter { t.isInCustody(at: $0.period.firstDay) }.count)
        let retirement = t.retirementPeriod().index
        set(.pensionMonthsBeforeRetirementAge, pensionPeriods.filter { $0 < retirement }.count)
        var pensionsPerMonth = [Int: Int]()
        for p in pensions { pensionsPerMonth[p.period.index, default: 0] += 1 }
        set(.doublePensionMonths, pensionsPerMonth.values.filter { $0 > 1 }.count)
        set(.pensionPaymentRegions, Set(pensions.compactMap(\.regionCode)).count)
        set(.paymentRegionSpreadKm, GeoDistance.spread(Set(paid.compactMap(\.regionCode)), catalog: context.catalog))

        accountFeatures(t, paid: paid, into: &v)
        medicalFeatures(t, into: &v)
        contributionFeatures(t, pensions: pensions, into: &v)
        benefitFeatures(t, paid: paid, into: &v)

        set(.idRegionUnknown, context.catalog.region(t.idNumber.issuingRegion) == nil ? 1 : 0)
        if let registered = t.person?.birthDate {
            set(.birthDateGapYears, Double(abs(registered.days(to: t.idNumber.birthDate))) / 365.25)
        }
        return v
    }

    /// Accounts: how many, shared with whom, held by another household.
    private func accountFeatures(_ t: PersonTimeline, paid: [BenefitPayment], into v: inout [Double]) {
        let accounts = Set(paid.compactMap(\.bankAccount).filter { !$0.isEmpty })
        v[PersonFeature.distinctAccounts.rawValue] = Double(accounts.count)
        v[PersonFeature.accountSharers.rawValue] = Double(
            accounts.map { (context.accountPayees[$0]?.count ?? 1) - 1 }.max() ?? 0)
        guard !paid.isEmpty else { return }
        let home = context.address[t.idNumber]
        var foreign = 0
        for p in paid {
            guard let account = p.bankAccount, let holder = context.accountHolder[account], holder != t.idNumber
            else { continue }
            let holderHome = context.address[holder]
            if holderHome == nil || holderHome != home { foreign += 1 }
        }
        v[PersonFeature.paidToOtherHouseholdShare.rawValue] = Double(foreign) / Double(paid.count)
    }

    /// Medical settlements: distances, off-site share, re-admissions, unusual amounts, injury claims.
    private func medicalFeatures(_ t: PersonTimeline, into v: inout [Double]) {
        let settlements = t.settlements
        guard !settlements.isEmpty else {
            v[PersonFeature.offSiteShare.rawValue] = .nan
            v[PersonFeature.settlementMaxRobustZ.rawValue] = .nan
            return
        }
        var byDay = [CivilDate: Set<String>]()
        for s in settlements { if let r = s.regionCode { byDay[s.admissionDate, default: []].insert(r) } }
        v[PersonFeature.sameDayVisitDistanceKm.rawValue] =
            byDay.values.filter { $0.count > 1 }.map { GeoDistance.spread($0, catalog: context.catalog) }.max() ?? 0
        v[PersonFeature.visitRegionSpreadKm.rawValue] = GeoDistance.spread(
            Set(settlements.compactMap(\.regionCode)), catalog: context.catalog)
        v[PersonFeature.offSiteShare.rawValue] =
            Double(settlements.filter(\.offSite).count) / Double(settlements.count)

        let stays = settlements.filter { $0.visit == .inpatient }
        var readmissions = 0
        for (i, stay) in stays.enumerated() {
            guard let discharged = stay.dischargeDate else { continue }
            if stays[(i + 1)...].contains(where: {
                $0.institutionID == stay.institutionID && (0...1).contains(discharged.days(to: $0.admissionDate))
            }) {
                readmissions += 1
            }
        }
        v[PersonFeature.readmissionsNextDay.rawValue] = Double(readmissions)
        v[PersonFeature.settlementMaxRobustZ.rawValue] =
            settlements.compactMap { context.settlementBaselines[$0.visit]?.z(fen: $0.fundAmount.fen) }
            .filter { !$0.isNaN }.max() ?? .nan
        if let firstClaim = t.injuryClaims.first?.claimDate {
            v[PersonFeature.injurySettlementsAfterClaim.rawValue] = Double(
                settlements.filter { s in
                    s.admissionDate >= firstClaim && (s.diagnosis.map { $0.hasPrefix("S") || $0.hasPrefix("T") } ?? false)
                }.count)
        }
    }

    /// Contributions and enrollments: back payments, years insured, the employer, overlaps.
    private func contributionFeatures(_ t: PersonTimeline, pensions: [BenefitPayment], into v: inout [Double]) {
        let retirement = t.retirementPeriod().index
        let back = t.contributions.filter(\.backPayment)
        v[PersonFeature.backPaymentMonths.rawValue] = Double(Set(back.map(\.period.index)).count)
        v[PersonFeature.backPaymentMonthsBeforeRetirement.rawValue] = Double(
            Set(
                back.filter { c in
                    guard let paidOn = c.paidDate?.period.index else { return false }
                    return (retirement - 12...retirement).contains(paidOn)
                }.map(\.period.index)
            ).count)

        let until = pensions.first?.period.firstDay ?? context.dataEnd.lastDay
        var employeeMonths = 0
        for e in t.enrollments where e.insurance == .pensionEmployee && e.startDate <= until {
            let stop = min(e.endDate ?? until, until)
            employeeMonths += max(0, e.startDate.period.months(to: stop.period))
        }
        v[PersonFeature.employeePensionYears.rawValue] = Double(employeeMonths) / 12

        let employer = t.enrollments.last { $0.employerID?.isEmpty == false }?.employerID
            ?? t.contributions.last { $0.employerID?.isEmpty == false }?.employerID
        if let employer {
            let insured = context.employerInsured[employer] ?? 0
            v[PersonFeature.employerInsuredStaff.rawValue] = Double(insured)
            v[PersonFeature.employerTaxedShare.rawValue] =
                insured > 0 ? Double(context.employerTaxed[employer] ?? 0) / Double(insured) : .nan
        } else {
            v[PersonFeature.employerInsuredStaff.rawValue] = .nan
            v[PersonFeature.employerTaxedShare.rawValue] = .nan
        }
        if let span = context.employmentSpan {
            let incomes = Set(t.employment.map { "\($0.employerID)|\($0.period.index)" })
            let months = Set(
                t.contributions.filter { c in
                    guard let e = c.employerID, !e.isEmpty, !c.backPayment, span.contains(c.period.index) else {
                        return false
                    }
                    return !incomes.contains("\(e)|\(c.period.index)")
                }.map(\.period.index))
            v[PersonFeature.contributionMonthsWithoutIncome.rawValue] = Double(months.count)
        }
        v[PersonFeature.overlappingPensionEnrollments.rawValue] = Double(
            Self.overlaps(t.enrollments.filter { $0.insurance == .pensionEmployee || $0.insurance == .pensionResident }))
        v[PersonFeature.overlappingMedicalEnrollments.rawValue] = Double(
            Self.overlaps(
                t.enrollments.filter { $0.insurance == .medicalEmployee || $0.insurance == .medicalResident },
                distinctInsurance: true))
        let injuries = t.enrollments.filter { $0.insurance == .workInjury }
        if let injury = t.injuryClaims.first?.injuryDate, !injuries.isEmpty,
            !injuries.contains(where: { $0.covers(injury) }),
            let next = injuries.map(\.startDate).filter({ $0 > injury }).min()
        {
            v[PersonFeature.injuryDaysBeforeEnrollment.rawValue] = Double(injury.days(to: next))
        }
    }

    /// Benefits against other sources: unemployment, survivor benefits, operators, amounts.
    private func benefitFeatures(_ t: PersonTimeline, paid: [BenefitPayment], into v: inout [Double]) {
        let unemployment = paid.filter { $0.benefit == .unemployment }
        if !unemployment.isEmpty {
            let employed = Set(t.employment.map(\.period.index))
            let months = Set(unemployment.map(\.period.index))
            v[PersonFeature.unemploymentMonthsWhileEmployed.rawValue] = Double(months.filter(employed.contains).count)
            if !t.enrollments.contains(where: { $0.insurance == .unemployment }) {
                v[PersonFeature.unemploymentMonthsWithoutEnrollment.rawValue] = Double(months.count)
            }
        }
        let home = context.address[t.idNumber]
        let survivor = Set(paid.filter { $0.benefit == .survivor }.map(\.period.index))
        if !survivor.isEmpty, home.map({ !context.addressesWithDeath.contains($0) }) ?? true {
            v[PersonFeature.survivorMonthsWithoutHouseholdDeath.rawValue] = Double(survivor.count)
        }
        if let home {
            let operators = Set(paid.compactMap(\.operatorID))
            v[PersonFeature.operatorHouseholdPayees.rawValue] = Double(
                operators.map { context.operatorHouseholdPayees[$0 + "|" + home] ?? 0 }.max() ?? 0)
        }
        v[PersonFeature.paymentMaxRobustZ.rawValue] =
            paid.compactMap { context.paymentBaselines[$0.benefit]?.z(fen: $0.amount.fen) }.max() ?? .nan
    }

    /// Pairs of enrollments that are open at the same time (of different insurances when asked).
    static func overlaps(_ enrollments: [Enrollment], distinctInsurance: Bool = false) -> Int {
        var count = 0
        for (i, a) in enrollments.enumerated() {
            for b in enrollments[(i + 1)...] {
                if distinctInsurance && a.insurance == b.insurance { continue }
                let aEnd = a.endDate ?? .distantFuture
                let bEnd = b.endDate ?? .distantFuture
                if a.startDate <= bEnd && b.startDate <= aEnd { count += 1 }
            }
        }
        return count
    }
}

extension CivilDate {
    /// A date after every record, for open-ended enrollments.
    fileprivate static let distantFuture = CivilDate(year: 9999, month: 12, day: 31)!
}
