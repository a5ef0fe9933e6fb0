import FundWatchCore

extension PersonTimeline {
    /// The timeline as it would be once `payment` is paid, and the payment's position in it:
    /// any earlier payment of the same id replaced, the payment at its place in time order.
    ///
    /// The pre-payment check adds one payment to a timeline that is already in time order (the
    /// population and the database both build timelines sorted), so the payment is inserted by
    /// binary search instead of re-sorting all ten record lists per check. A timeline whose
    /// lists are not in order (records `add`ed without `sorted()`) is sorted whole as before, so
    /// the result is the same either way.
    func insertingPayment(_ payment: BenefitPayment) -> (timeline: PersonTimeline, position: Int?) {
        var t = self
        t.payments.removeAll { $0.paymentID == payment.paymentID }
        guard t.isInTimeOrder else {
            t.payments.append(payment)
            let sorted = t.sorted()
            return (sorted, sorted.payments.firstIndex { $0.paymentID == payment.paymentID })
        }
        // The first payment ordered after this one, as `PersonTimeline.init` orders them.
        var low = 0
        var high = t.payments.count
        while low < high {
            let mid = (low + high) / 2
            let p = t.payments[mid]
            if (p.period, p.paymentID) < (payment.period, payment.paymentID) { low = mid + 1 } else { high = mid }
        }
        t.payments.insert(payment, at: low)
        return (t, low)
    }

    /// Whether every record list is in the order `PersonTimeline.init` sorts it into (so that
    /// `sorted()` would leave it as it is).
    var isInTimeOrder: Bool {
        Self.inOrder(enrollments) { ($0.startDate, $0.insurance.rawValue) < ($1.startDate, $1.insurance.rawValue) }
            && Self.inOrder(contributions) { ($0.period, $0.insurance.rawValue) < ($1.period, $1.insurance.rawValue) }
            && Self.inOrder(payments) { ($0.period, $0.paymentID) < ($1.period, $1.paymentID) }
            && Self.inOrder(settlements) { ($0.admissionDate, $0.settlementID) < ($1.admissionDate, $1.settlementID) }
            && Self.inOrder(injuryClaims) { $0.injuryDate < $1.injuryDate }
            && Self.inOrder(deaths) { $0.deathDate < $1.deathDate }
            && Self.inOrder(custody) { $0.startDate < $1.startDate }
            && Self.inOrder(employment) { ($0.period, $0.employerID) < ($1.period, $1.employerID) }
            && Self.inOrder(bankAccounts) { $0.account < $1.account }
            && Self.inOrder(qualificationChecks) { $0.checkDate < $1.checkDate }
    }

    /// No element is ordered before the one in front of it.
    private static func inOrder<T>(_ list: [T], by areInIncreasingOrder: (T, T) -> Bool) -> Bool {
        guard list.count > 1 else { return true }
        for i in 1..<list.count where areInIncreasingOrder(list[i], list[i - 1]) { return false }
        return true
    }
}
