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
}
