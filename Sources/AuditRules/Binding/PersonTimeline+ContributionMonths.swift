import FundWatchCore

extension PersonTimeline {
    /// Months of employee pension contributions before `month`: the months covered by the
    /// `pension_employee` enrollments (an open enrollment runs up to `month`), plus back-paid
    /// months outside them. Monthly contribution rows exist only for the recent past, so the
    /// enrollment spans are the record of the decades before.
    func employeePensionMonths(before month: Period) -> Int {
        var covered = [(Period, Period)]()
        for e in enrollments where e.insurance == .pensionEmployee {
            let start = e.startDate.period
            let end = min(e.endDate?.period ?? month.adding(months: -1), month.adding(months: -1))
            if start <= end { covered.append((start, end)) }
        }
        covered.sort { $0.0 < $1.0 }
        var total = 0
        var reach: Period?
        for (start, end) in covered {
            let from = reach.map { max(start, $0.adding(months: 1)) } ?? start
            if from <= end { total += from.months(to: end) + 1 }
            reach = reach.map { max($0, end) } ?? end
        }
        var extra = Set<Period>()
        for c in contributions where c.insurance == .pensionEmployee && c.backPayment && c.period < month {
            if !covered.contains(where: { $0.0 <= c.period && c.period <= $0.1 }) { extra.insert(c.period) }
        }
        return total + extra.count
    }

    /// Months short of the minimum contribution period for an employee pension that began on or
    /// after the statutory age and after the Social Insurance Law took effect (2011-07); 0 when
    /// there is no such pension or it is not short. Persons also in the resident scheme are left
    /// out (their pension may be the resident one).
    func employeePensionShortfall() -> Int {
        guard let first = payments.first(where: { $0.benefit == .pension && $0.amount.fen > 0 })?.period,
            first >= Period(year: 2011, month: 7)!, first >= retirementPeriod(),
            enrollments.contains(where: { $0.insurance == .pensionEmployee }),
            !enrollments.contains(where: { $0.insurance == .pensionResident })
        else { return 0 }
        return max(0, RetirementPolicy.minimumContributionMonths(retiringIn: first) - employeePensionMonths(before: first))
    }

    /// Whether an enrollment in the insurance behind `benefit` began by the end of `month`
    /// (pension: either pension scheme; unemployment; injury allowance: work injury). Benefits
    /// with no insurance of their own (survivor, funeral, …) count as covered.
    func hasEnrollment(for benefit: Benefit, by month: Period) -> Bool {
        // A predicate, not an array of insurances: this runs for every pension month.
        let covers: (Insurance) -> Bool
        switch benefit {
        case .pension: covers = { $0 == .pensionEmployee || $0 == .pensionResident }
        case .unemployment: covers = { $0 == .unemployment }
        case .injuryAllowance: covers = { $0 == .workInjury }
        default: return true
        }
        let end = month.lastDay
        return enrollments.contains { covers($0.insurance) && $0.startDate <= end }
    }
}
