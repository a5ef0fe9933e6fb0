import CEL
import FundWatchCore

// The domain functions (``DomainFunctions``) on native values: the same questions answered
// from the same timeline methods, with dates and months as integers. Arguments are read as the
// interpreter reads them (a date argument may be any string that parses as a date); where the
// interpreter would give an error, the result is `unknown`.

extension NativeCompiler {
    /// A function of the person alone, or of the person and the given arguments.
    mutating func compileDomainFunction(_ name: String, _ args: [Expr]) -> NativeExpr? {
        if let body = Self.calendarFunctions[name] {
            var compiled = [NativeExpr]()
            for arg in args {
                guard let c = compile(arg) else { return nil }
                compiled.append(c)
            }
            guard compiled.count == body.arity else { return refuse("\(name) with \(args.count) arguments") }
            let implementation = body.implementation
            switch compiled.count {
            case 1:
                let a = compiled[0]
                return { f in implementation(a(f), .unknown) }
            default:
                let (a, b) = (compiled[0], compiled[1])
                return { f in implementation(a(f), b(f)) }
            }
        }
        guard let body = Self.personFunctions[name] else { return refuse("the function '\(name)'") }
        guard let first = args.first, isPerson(first) else { return refuse("\(name) on something else than person") }
        var compiled = [NativeExpr]()
        for arg in args.dropFirst() {
            guard let c = compile(arg) else { return nil }
            compiled.append(c)
        }
        guard compiled.count == body.arity else { return refuse("\(name) with \(args.count) arguments") }
        let implementation = body.implementation
        switch compiled.count {
        case 0:
            return { f in f.withBound { implementation($0, .unknown, .unknown) } }
        case 1:
            let a = compiled[0]
            // Consecutive records mostly ask about the same value (one bank account for every
            // month): the last answer is kept for the person, by argument.
            let slot = memoCount
            memoCount += 1
            return { f in
                let argument = a(f)
                if f.memoStamp[slot] == f.stamp, NativeValue.equals(f.memoArgument[slot], argument) == true,
                    f.memoArgument[slot].hasSameKind(as: argument)
                {
                    return f.memoValue[slot]
                }
                let value = f.withBound { implementation($0, argument, .unknown) }
                f.memoStamp[slot] = f.stamp
                f.memoArgument[slot] = argument
                f.memoValue[slot] = value
                return value
            }
        default:
            let (a, b) = (compiled[0], compiled[1])
            return { f in
                let (x, y) = (a(f), b(f))
                return f.withBound { implementation($0, x, y) }
            }
        }
    }

    /// `baseline(person, kind, region, period).field`.
    mutating func compileBaseline(_ args: [Expr], field: String) -> NativeExpr? {
        guard args.count == 4, isPerson(args[0]) else { return refuse("baseline's arguments") }
        guard let kind = compile(args[1]), let region = compile(args[2]), let period = compile(args[3]) else { return nil }
        let read: @Sendable (Baseline) -> NativeValue
        switch field {
        case "count": read = { .int(Int64($0.count)) }
        case "mean": read = { .double($0.mean) }
        case "sigma": read = { .double($0.sigma) }
        case "median": read = { .double($0.median) }
        case "mad": read = { .double($0.mad) }
        case "level": read = { .string($0.level) }
        default: return refuse("baseline().\(field)")
        }
        return { f in
            // Only strings reach the interpreter's baseline (dates and months are strings there).
            guard case .string(let k) = kind(f), case .string(let r) = region(f) else { return .unknown }
            let p = period(f)
            // A month of four-digit year reads back from its text as itself: skip the text.
            if case .period(let index) = p, (12_000..<120_000).contains(index) {
                return read(f.bound.index.baselines.baseline(kind: k, region: r, month: Int(index)))
            }
            guard let text = p.text else { return .unknown }
            return read(f.bound.index.baselines.baseline(kind: k, region: r, period: text))
        }
    }

    struct Calendar: Sendable {
        let arity: Int
        let implementation: @Sendable (NativeValue, NativeValue) -> NativeValue
    }

    struct PersonFunction: Sendable {
        let arity: Int
        let implementation: @Sendable (BoundTimeline, NativeValue, NativeValue) -> NativeValue
    }

    static let calendarFunctions: [String: Calendar] = [
        "period_of": Calendar(arity: 1) { a, _ in
            switch a {
            case .unknown: return .unknown
            case .date(let packed): return .period(NativeValue.periodIndex(ofPacked: packed))
            case .string(let s): return CivilDate(s).map { .period($0.period) } ?? .unknown
            case .period: return .unknown
            default: return .null  // the interpreter: anything but a string is null
            }
        },
        "first_day": Calendar(arity: 1) { a, _ in periodArgument(a).map { .date($0.firstDay) } ?? .unknown },
        "months_between": Calendar(arity: 2) { a, b in
            guard let x = monthArgument(a), let y = monthArgument(b) else { return .unknown }
            return .int(Int64(x.months(to: y)))
        },
        "days_between": Calendar(arity: 2) { a, b in
            guard let x = dateArgument(a), let y = dateArgument(b) else { return .unknown }
            return .int(Int64(x.days(to: y)))
        },
        "min_contribution_months": Calendar(arity: 1) { a, _ in
            periodArgument(a).map { .int(Int64(RetirementPolicy.minimumContributionMonths(retiringIn: $0))) } ?? .unknown
        },
        "distance_km": Calendar(arity: 2) { a, b in
            if case .unknown = a { return .unknown }
            if case .unknown = b { return .unknown }
            guard let x = a.text, let y = b.text else { return .double(0) }
            return .double(RegionDistance.kilometres(x, y) ?? 0)
        },
    ]

    static let personFunctions: [String: PersonFunction] = [
        "age_at": PersonFunction(arity: 1) { b, a, _ in dateArgument(a).map { .int(Int64(b.timeline.age(at: $0))) } ?? .unknown },
        "retirement_period": PersonFunction(arity: 0) { b, _, _ in .period(b.timeline.retirementPeriod()) },
        "in_custody": PersonFunction(arity: 1) { b, a, _ in dateArgument(a).map { .bool(b.timeline.isInCustody(at: $0)) } ?? .unknown },
        "imprisoned": PersonFunction(arity: 1) { b, a, _ in
            guard let d = dateArgument(a) else { return .unknown }
            return .bool(b.timeline.custody.contains { $0.kind == .imprisonment && $0.covers(d) })
        },
        "enrolled": PersonFunction(arity: 2) { b, a, c in
            guard let s = a.text, let insurance = Insurance(rawValue: s), let d = dateArgument(c) else { return .unknown }
            return .bool(b.timeline.isEnrolled(in: insurance, at: d))
        },
        "employed_in": PersonFunction(arity: 1) { b, a, _ in periodArgument(a).map { .bool(b.timeline.isEmployed(in: $0)) } ?? .unknown },
        "employed_by": PersonFunction(arity: 1) { b, a, _ in
            guard let e = a.text else { return .unknown }
            return .bool(b.timeline.employment.contains { $0.employerID == e })
        },
        "paid_count": PersonFunction(arity: 2) { b, a, c in
            guard let s = a.text, let p = periodArgument(c) else { return .unknown }
            var count: Int64 = 0
            for payment in b.timeline.payments where payment.period == p && payment.amount.fen > 0 && payment.benefit.rawValue == s {
                count += 1
            }
            return .int(count)
        },
        "net_paid": PersonFunction(arity: 2) { b, a, c in
            guard let s = a.text, let p = periodArgument(c) else { return .unknown }
            var total: Int64 = 0
            for payment in b.timeline.payments where payment.period == p && payment.benefit.rawValue == s {
                let (sum, overflow) = total.addingReportingOverflow(payment.amount.fen)
                if overflow { return .unknown }
                total = sum
            }
            return .int(total)
        },
        "median_paid": PersonFunction(arity: 1) { b, a, _ in
            guard let s = a.text, let benefit = Benefit(rawValue: s) else { return .unknown }
            return .int(b.medianPaid(benefit))
        },
        "paid_months": PersonFunction(arity: 1) { b, a, _ in
            guard let s = a.text else { return .unknown }
            var count: Int64 = 0
            var last: Period?
            for p in b.timeline.payments where p.amount.fen > 0 && p.benefit.rawValue == s && p.period != last {
                count += 1
                last = p.period
            }
            return .int(count)
        },
        "account_households": PersonFunction(arity: 1) { b, a, _ in
            guard let s = a.text else { return .unknown }
            return .int(Int64(b.index.households(usingAccount: s)))
        },
        "account_in_household": PersonFunction(arity: 1) { b, a, _ in
            guard let s = a.text else { return .unknown }
            return .bool(b.index.isHeld(s, byHousehold: b.household) || b.timeline.bankAccounts.contains { $0.account == s })
        },
        "household_deaths": PersonFunction(arity: 0) { b, _, _ in .int(Int64(b.index.deaths(inHousehold: b.household))) },
        "enrolled_for": PersonFunction(arity: 2) { b, a, c in
            guard let s = a.text, let benefit = Benefit(rawValue: s), let p = periodArgument(c) else { return .unknown }
            return .bool(b.timeline.hasEnrollment(for: benefit, by: p))
        },
        "contribution_shortfall": PersonFunction(arity: 0) { b, _, _ in .int(Int64(b.timeline.employeePensionShortfall())) },
        "contribution_months": PersonFunction(arity: 1) { b, a, _ in
            periodArgument(a).map { .int(Int64(b.timeline.employeePensionMonths(before: $0))) } ?? .unknown
        },
        "id_birth_date": PersonFunction(arity: 0) { b, _, _ in .date(b.timeline.idNumber.birthDate) },
        "id_sex": PersonFunction(arity: 0) { b, _, _ in .string(b.timeline.idNumber.sex.rawValue) },
        "id_region_known": PersonFunction(arity: 0) { b, _, _ in
            .bool(RegionCatalog.shared.region(String(b.timeline.idNumber.value.prefix(6))) != nil)
        },
        "operator_is_relative": PersonFunction(arity: 1) { b, a, _ in
            guard let s = a.text else { return .unknown }
            return .bool(!s.isEmpty && b.index.isOperator(s, ofHousehold: b.household))
        },
    ]

    /// A date as the interpreter reads one: a string that parses as `YYYY-MM-DD`.
    static func dateArgument(_ v: NativeValue) -> CivilDate? {
        switch v {
        case .date(let packed): NativeValue.civilDate(packed)
        case .string(let s): CivilDate(s)
        default: nil
        }
    }

    /// A month as the interpreter reads one: a string that parses as `YYYY-MM`.
    static func periodArgument(_ v: NativeValue) -> Period? {
        switch v {
        case .period(let index): Period(index: Int(index))
        case .string(let s): Period(s)
        default: nil
        }
    }

    /// A month or the month of a date (`months_between`).
    static func monthArgument(_ v: NativeValue) -> Period? {
        switch v {
        case .period(let index): Period(index: Int(index))
        case .date(let packed): Period(index: Int(NativeValue.periodIndex(ofPacked: packed)))
        case .string(let s): Period(s) ?? CivilDate(s)?.period
        default: nil
        }
    }
}
