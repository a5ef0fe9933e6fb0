import CEL
import Foundation
import FundWatchCore

extension RulePlan {
    /// The rule's outcome for one person, running the interpreter only on the records that pass
    /// every native test; the same outcome as ``CompiledRule/evaluate(_:focus:)``. With `only`,
    /// just the record at that position of the scope's list is evaluated (a pre-payment check).
    func evaluate(_ bound: BoundTimeline, scratch: PlanScratch, only: Int? = nil) -> RuleOutcome {
        let t = bound.timeline
        for required in requiredLists where required.count(in: t) == 0 { return .passes }
        if needsImprisonment && !t.custody.contains(where: { $0.kind == .imprisonment }) { return .passes }
        for count in countBounds where count.upperBound(t.payments) <= count.limit { return .passes }
        if let native { return evaluate(native, bound, scratch: scratch, only: only) }
        guard let list else {
            let activation = TimelineActivation(bound: bound, recordVariable: rule.spec.scope.recordVariable)
            for term in keyedTerms where usable(term, t) {
                if case .bool(false) = term.program.evaluate(resolving: activation) { return .passes }
            }
            return rule.outcome(bound, CollectionOfOne(CompiledRule.Subject(value: nil, id: nil, amount: 0)))
        }
        let positions = only.map { $0..<($0 + 1) } ?? 0..<list.count(in: t)
        if positions.isEmpty { return .passes }
        var candidates = scratch.takeCandidates()
        defer { scratch.returnCandidates(candidates) }
        if recordTestSlots.isEmpty {
            candidates.append(contentsOf: positions)
        } else {
            for slot in recordTestSlots { scratch.prepare(slot, for: bound) }
            records: for position in positions {
                for slot in recordTestSlots where !scratch.passes(slot, position) { continue records }
                candidates.append(position)
            }
        }
        if candidates.isEmpty { return .passes }
        let activation = TimelineActivation(bound: bound, recordVariable: rule.spec.scope.recordVariable)
        // Terms of the person alone first: one evaluation can rule the person out.
        for term in keyedTerms where term.fields.isEmpty && !term.iterates {
            if case .bool(false) = term.program.evaluate(resolving: activation) { return .passes }
        }
        if !valueTests.isEmpty {
            let values = valueTests.map { $0.value.evaluate(resolving: activation) }
            candidates.removeAll { position in
                for (test, value) in zip(valueTests, values) where !value.isError {
                    let field = test.read(bound, position)
                    let result = test.fieldOnRight ? test.operator.apply(value, field) : test.operator.apply(field, value)
                    if case .bool(false) = result { return true }
                }
                return false
            }
            if candidates.isEmpty { return .passes }
        }
        for term in keyedTerms where !(term.fields.isEmpty && !term.iterates) && usable(term, t) {
            if term.fields.isEmpty {
                if case .bool(false) = term.program.evaluate(resolving: activation) { return .passes }
                continue
            }
            var memo = Memo(readers: term.readers, records: candidates.count)
            if term.monotone, candidates.count > 2, let ends = Self.extremes(candidates, { term.readers[0](bound, $0) }) {
                let (low, high) = ends
                let lowValue = memo.value(at: low, bound) {
                    activation.record = Self.object(list, at: low, in: t)
                    return term.program.evaluate(resolving: activation)
                }
                let highValue = memo.value(at: high, bound) {
                    activation.record = Self.object(list, at: high, in: t)
                    return term.program.evaluate(resolving: activation)
                }
                if case .bool(false) = lowValue, case .bool(false) = highValue { return .passes }
            }
            candidates.removeAll { position in
                let value = memo.value(at: position, bound) {
                    activation.record = Self.object(list, at: position, in: t)
                    return term.program.evaluate(resolving: activation)
                }
                if case .bool(false) = value { return true }
                return false
            }
            activation.record = nil
            if candidates.isEmpty { return .passes }
        }
        guard let conditionReaders else {
            return rule.outcome(bound, candidates.lazy.map { Self.subject(bound, list, $0) })
        }
        // The whole condition, once per distinct value of the fields it reads; each subject
        // carries its value, so the interpreter runs again only for scores and explanations.
        var memo = Memo(readers: conditionReaders, records: candidates.count)
        return rule.outcome(
            bound,
            candidates.lazy.map { position in
                var subject = Self.subject(bound, list, position)
                let record = subject.value
                subject.condition = memo.value(at: position, bound) {
                    activation.record = record
                    return self.rule.condition.evaluate(resolving: activation)
                }
                return subject
            })
    }

    /// Whether a term can be run alone for this person with the value it has in the condition:
    /// always for a term that charges nothing; for one that iterates, when the whole condition's
    /// iterations cannot reach the budget (so no term of it fails for cost).
    func usable(_ term: KeyedTerm, _ t: PersonTimeline) -> Bool {
        guard term.iterates else { return true }
        guard let iteratedLists else { return false }
        return iteratedLists.reduce(0) { $0 + $1.count(in: t) } < rule.condition.options.costLimit - fixedCharges
    }

    /// Equal keys: the same kind and payload (strings byte for byte).
    static func same(_ x: CELValue, _ y: CELValue) -> Bool {
        switch (x, y) {
        case (.null, .null): return true
        case (.bool(let p), .bool(let q)): return p == q
        case (.int(let p), .int(let q)): return p == q
        case (.string(let p), .string(let q)): return sameBytes(p, q)
        default: return false
        }
    }

    /// The positions holding the smallest and the largest value, when every value is a
    /// well-formed date (`YYYY-MM-DD`) or every value a month (`YYYY-MM`), the domain on which the
    /// calendar functions are defined and their text sorts in time order.
    static func extremes(_ positions: [Int], _ value: (Int) -> CELValue) -> (Int, Int)? {
        var low = positions[0]
        var high = positions[0]
        var lowValue = value(low)
        var highValue = lowValue
        guard case .string(let first) = lowValue else { return nil }
        let dates = CivilDate(first) != nil
        guard dates || Period(first) != nil else { return nil }
        for position in positions.dropFirst() {
            let v = value(position)
            guard case .string(let text) = v, dates ? CivilDate(text) != nil : Period(text) != nil else { return nil }
            if case .bool(true)? = CELValue.applyOperator("_<_", v, lowValue) { (low, lowValue) = (position, v) }
            if case .bool(true)? = CELValue.applyOperator("_>_", v, highValue) { (high, highValue) = (position, v) }
        }
        return (low, high)
    }

    /// Byte-for-byte string equality, as CEL compares strings.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        // The same storage (a household address shared by its holder's and payee's records, a
        // text repeated from one record to the next) is equal without reading its bytes.
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.count == 0 || x.baseAddress == y.baseAddress || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }

    /// A fresh CEL object for one record.
    static func object(_ list: TimelineList, at i: Int, in t: PersonTimeline) -> CELValue {
        switch list {
        case .payments: .object(PaymentObject(t.payments[i]))
        case .settlements: .object(SettlementObject(t.settlements[i]))
        case .enrollments: .object(EnrollmentObject(t.enrollments[i]))
        case .contributions: .object(ContributionObject(t.contributions[i]))
        case .injuries: .object(InjuryObject(t.injuryClaims[i]))
        case .deaths: .object(DeathObject(t.deaths[i]))
        case .custody: .object(CustodyObject(t.custody[i]))
        case .employment: .object(EmploymentObject(t.employment[i]))
        case .checks: .object(CheckObject(t.qualificationChecks[i]))
        case .accounts: .object(AccountObject(t.bankAccounts[i]))
        }
    }

    /// The subject for one record: the shared CEL object, its evidence id and default amount,
    /// as ``CompiledRule/subjects(_:)`` makes them.
    static func subject(_ bound: BoundTimeline, _ list: TimelineList, _ i: Int) -> CompiledRule.Subject {
        let t = bound.timeline
        let value = bound.element(list, i)
        switch list {
        case .payments:
            return .init(value: value, id: t.payments[i].paymentID, amount: t.payments[i].amount.fen)
        case .settlements:
            return .init(value: value, id: t.settlements[i].settlementID, amount: t.settlements[i].fundAmount.fen)
        case .enrollments:
            let e = t.enrollments[i]
            return .init(value: value, id: "enrollment:\(e.insurance.rawValue):\(e.startDate)", amount: 0)
        case .contributions:
            let c = t.contributions[i]
            return .init(value: value, id: "contribution:\(c.insurance.rawValue):\(c.period)", amount: c.amount.fen)
        case .injuries:
            return .init(value: value, id: t.injuryClaims[i].claimID, amount: t.injuryClaims[i].amount?.fen ?? 0)
        case .deaths, .custody, .employment, .checks, .accounts:
            return .init(value: value, id: nil, amount: 0)
        }
    }
}

extension RulePlan.RecordTest {
    /// Whether the term is certainly false for a record whose field has this value.
    func rulesOut(_ value: CELValue?) -> Bool {
        guard let value else { return false }
        switch kind {
        case .truth(let negated):
            if case .bool(let flag) = value { return flag == negated }
            return false
        case .compare(_, let op, let literal, let fieldOnRight):
            let result = fieldOnRight ? op.apply(literal, value) : op.apply(value, literal)
            if case .bool(false) = result { return true }
            return false
        }
    }
}

extension RulePlan.CountBound {
    /// The largest value the counted function can take for a person with these payments.
    func upperBound(_ payments: [BenefitPayment]) -> Int64 {
        switch kind {
        case .paymentsInOneMonth:
            // Field by field through the array, so no payment is copied (this runs for every
            // pensioner), and the benefit compared as its case.
            let wanted: Benefit?
            switch benefit {
            case .none: wanted = nil
            case .some(.none): return 0  // a benefit no payment has
            case .some(.some(let b)): wanted = b
            }
            func counted(_ i: Int) -> Bool {
                payments[i].amount.fen > 0 && (wanted == nil || payments[i].benefit == wanted)
            }
            var best = 0
            var run = 0
            var previous: Period?
            var sorted = true
            for i in payments.indices where counted(i) {
                let period = payments[i].period
                if let previous, period < previous { sorted = false }
                run = period == previous ? run + 1 : 1
                best = max(best, run)
                previous = period
            }
            if !sorted {
                var counts: [Period: Int] = [:]
                for i in payments.indices where counted(i) { counts[payments[i].period, default: 0] += 1 }
                best = counts.values.max() ?? 0
            }
            return Int64(best)
        }
    }
}
