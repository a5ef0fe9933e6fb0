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
        // The first payment ordered after this one, in the order `PersonTimeline.init` keeps.
        var low = 0
        var high = t.payments.count
        while low < high {
            let mid = (low + high) / 2
            let p = t.payments[mid]
            if Order.payments(p, payment) { low = mid + 1 } else { high = mid }
        }
        t.payments.insert(payment, at: low)
        return (t, low)
    }

    /// Whether every record list is in the order `PersonTimeline.init` sorts it into (so that
    /// `sorted()` would leave it as it is).
    var isInTimeOrder: Bool {
        Self.inOrder(enrollments, by: Order.enrollments)
            && Self.inOrder(contributions, by: Order.contributions)
            && Self.inOrder(payments, by: Order.payments)
            && Self.inOrder(settlements, by: Order.settlements)
            && Self.inOrder(injuryClaims, by: Order.injuryClaims)
            && Self.inOrder(deaths, by: Order.deaths)
            && Self.inOrder(custody, by: Order.custody)
            && Self.inOrder(employment, by: Order.employment)
            && Self.inOrder(bankAccounts, by: Order.bankAccounts)
            && Self.inOrder(qualificationChecks, by: Order.qualificationChecks)
    }

    /// No element is ordered before the one in front of it.
    private static func inOrder<T>(_ list: [T], by areInIncreasingOrder: (T, T) -> Bool) -> Bool {
        guard list.count > 1 else { return true }
        for i in 1..<list.count where areInIncreasingOrder(list[i], list[i - 1]) { return false }
        return true
    }
}
