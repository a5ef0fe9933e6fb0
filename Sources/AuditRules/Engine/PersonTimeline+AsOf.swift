public import FundWatchCore

extension PersonTimeline {
    /// The timeline as it was known on `date`: records dated after it are left out (payments of
    /// later months or paid later, later visits, claims, registrations, checks and accounts), so
    /// an audit `--as-of` a past date sees what the staff could have seen then.
    public func known(asOf date: CivilDate) -> PersonTimeline {
        let month = date.period
        var t = self
        t.enrollments.removeAll { $0.startDate > date }
        t.contributions.removeAll { ($0.paidDate ?? $0.period.firstDay) > date }
        t.payments.removeAll { $0.period > month || ($0.payDate.map { $0 > date } ?? false) }
        t.settlements.removeAll { $0.admissionDate > date }
        t.injuryClaims.removeAll { $0.claimDate > date }
        t.deaths.removeAll { ($0.recordedDate ?? $0.deathDate) > date }
        t.custody.removeAll { $0.startDate > date }
        t.employment.removeAll { $0.period > month }
        t.bankAccounts.removeAll { ($0.openedDate.map { $0 > date }) ?? false }
        t.qualificationChecks.removeAll { $0.checkDate > date }
        return t
    }
}
