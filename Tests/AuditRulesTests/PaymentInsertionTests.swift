@testable import AuditRules
import FundWatchCore
import Testing

/// The pre-payment check inserts the payment into a sorted timeline instead of sorting it whole:
/// the timeline it evaluates must be exactly the one sorting gave.
@Suite struct PaymentInsertionTests {
    /// What the check evaluated before: the payment appended (replacing one of the same id) and
    /// every list sorted.
    static func bySorting(_ t: PersonTimeline, _ payment: BenefitPayment) -> (PersonTimeline, Int?) {
        var t = t
        t.payments.removeAll { $0.paymentID == payment.paymentID }
        t.payments.append(payment)
        let sorted = t.sorted()
        return (sorted, sorted.payments.firstIndex { $0.paymentID == payment.paymentID })
    }

    @Test(arguments: ["2024-06", "2025-01", "2025-06", "2025-12", "2026-01", "2030-01"])
    func insertingIntoASortedTimelineEqualsSortingIt(period: String) {
        let t = Fixture.pensioner()
        #expect(t.isInTimeOrder)
        for suffix in ["", "-B", "-0"] {
            let payment = Fixture.pension(t.idNumber, Fixture.period(period), yuan: 4100, suffix: suffix)
            let (inserted, position) = t.insertingPayment(payment)
            let (expected, expectedPosition) = Self.bySorting(t, payment)
            #expect(inserted == expected)
            #expect(position == expectedPosition)
            #expect(position.map { inserted.payments[$0] } == payment)
        }
    }

    @Test func aPaymentOfTheSameIDIsReplacedNotDuplicated() throws {
        let t = Fixture.pensioner()
        let existing = try #require(t.payments.dropFirst(3).first)
        var changed = existing
        changed.amount = Money(yuan: 9_999)
        let (inserted, position) = t.insertingPayment(changed)
        #expect(inserted.payments.count == t.payments.count)
        #expect(inserted.payments.filter { $0.paymentID == existing.paymentID } == [changed])
        #expect(position == 3)
        #expect(inserted == Self.bySorting(t, changed).0)
    }

    @Test func aTimelineOutOfOrderIsSortedWholeAsBefore() {
        var t = Fixture.pensioner()
        // Records added without `sorted()`: the lists are out of order.
        t.payments.reverse()
        t.deaths = [Fixture.death(t.idNumber, "2026-03-01"), Fixture.death(t.idNumber, "2025-12-05")]
        #expect(!t.isInTimeOrder)
        let payment = Fixture.pension(t.idNumber, Fixture.period("2025-07"), suffix: "-X")
        let (inserted, position) = t.insertingPayment(payment)
        let (expected, expectedPosition) = Self.bySorting(t, payment)
        #expect(inserted == expected)
        #expect(position == expectedPosition)
        #expect(inserted.deaths.map(\.deathDate) == [Fixture.date("2025-12-05"), Fixture.date("2026-03-01")])
    }

    @Test func anEmptyTimelineGetsThePaymentAlone() {
        let id = Fixture.pensionerID
        let payment = Fixture.pension(id, Fixture.period("2026-01"))
        let (inserted, position) = PersonTimeline(idNumber: id).insertingPayment(payment)
        #expect(inserted.payments == [payment])
        #expect(position == 0)
    }
}
