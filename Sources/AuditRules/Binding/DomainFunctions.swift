import CEL
import Foundation
import FundWatchCore

/// The domain functions rules call: calendar arithmetic on `YYYY-MM` / `YYYY-MM-DD` strings, and
/// questions about the person (`person` is always the first argument, so the function reaches
/// the whole timeline and the population index without copying anything).
enum DomainFunctions {
    static var all: [CELFunction] {
        [
            fn("period_of", [.dyn], .dyn) { a in
                guard case .string(let s) = a[0] else { return .null }
                guard let d = date(s) else { return bad("period_of", s) }
                return .string(d.period.description)
            },
            fn("first_day", [.string], .string) { a in
                guard let p = period(a[0]) else { return bad("first_day", a[0]) }
                return .string(p.firstDay.description)
            },
            fn("add_months", [.string, .int], .string) { a in
                guard case .int(let n) = a[1] else { return bad("add_months", a[1]) }
                if let d = dateValue(a[0]) { return .string(d.adding(months: Int(n)).description) }
                if let p = period(a[0]) { return .string(p.adding(months: Int(n)).description) }
                return bad("add_months", a[0])
            },
            fn("months_between", [.string, .string], .int) { a in
                guard let x = period(a[0]) ?? dateValue(a[0])?.period, let y = period(a[1]) ?? dateValue(a[1])?.period
                else { return bad("months_between", a[0]) }
                return .int(Int64(x.months(to: y)))
            },
            fn("days_between", [.string, .string], .int) { a in
                guard let x = dateValue(a[0]), let y = dateValue(a[1]) else { return bad("days_between", a[0]) }
                return .int(Int64(x.days(to: y)))
            },
            fn("min_contribution_months", [.string], .int) { a in
                guard let p = period(a[0]) else { return bad("min_contribution_months", a[0]) }
                return .int(Int64(RetirementPolicy.minimumContributionMonths(retiringIn: p)))
            },
            fn("label", [.string], .string) { a in
                guard case .string(let code) = a[0] else { return bad("label", a[0]) }
                if let i = Insurance(rawValue: code) { return .string(i.chinese) }
                if let b = Benefit(rawValue: code) { return .string(b.chinese) }
                return .string(code)
            },
            fn("distance_km", [.string, .string], .double) { a in
                guard case .string(let x) = a[0], case .string(let y) = a[1] else { return .double(0) }
                return .double(RegionDistance.kilometres(x, y) ?? 0)
            },
            person("age_at", [.string], .int) { b, a in
                guard let d = dateValue(a[1]) else { return bad("age_at", a[1]) }
                return .int(Int64(b.timeline.age(at: d)))
            },
            person("retirement_period", [], .string) { b, _ in
                b.fact("retirement_period") { .string(b.timeline.retirementPeriod().description) }
            },
            person("in_custody", [.string], .bool) { b, a in
                guard let d = dateValue(a[1]) else { return bad("in_custody", a[1]) }
                return .bool(b.timeline.isInCustody(at: d))
            },
            person("imprisoned", [.string], .bool) { b, a in
                guard let d = dateValue(a[1]) else { return bad("imprisoned", a[1]) }
                return .bool(b.timeline.custody.contains { $0.kind == .imprisonment && $0.covers(d) })
            },
            person("enrolled", [.string, .string], .bool) { b, a in
                guard case .string(let s) = a[1], let insurance = Insurance(rawValue: s), let d = dateValue(a[2])
                else { return bad("enrolled", a[1]) }
                return .bool(b.timeline.isEnrolled(in: insurance, at: d))
            },
            person("employed_in", [.string], .bool) { b, a in
                guard let p = period(a[1]) else { return bad("employed_in", a[1]) }
                return .bool(b.timeline.isEmployed(in: p))
            },
            person("employed_by", [.string], .bool) { b, a in
                guard case .string(let e) = a[1] else { return bad("employed_by", a[1]) }
                return .bool(b.timeline.employment.contains { $0.employerID == e })
            },
            person("paid_count", [.string, .string], .int) { b, a in
                guard case .string(let s) = a[1], let p = period(a[2]) else { return bad("paid_count", a[1]) }
                return .int(Int64(b.timeline.payments.lazy.filter { $0.benefit.rawValue == s && $0.period == p && $0.amount.fen > 0 }.count))
            },
            person("net_paid", [.string, .string], .int) { b, a in
                guard case .string(let s) = a[1], let p = period(a[2]) else { return bad("net_paid", a[1]) }
                return .int(b.timeline.payments.lazy.filter { $0.benefit.rawValue == s && $0.period == p }.reduce(0) { $0 + $1.amount.fen })
            },
            person("median_paid", [.string], .int) { b, a in
                guard case .string(let s) = a[1], let benefit = Benefit(rawValue: s) else { return bad("median_paid", a[1]) }
                return .int(b.medianPaid(benefit))
            },
            person("last_verified", [.string], .dyn) { b, a in
                guard let d = dateValue(a[1]) else { return bad("last_verified", a[1]) }
                return b.timeline.lastVerifiedAlive(onOrBefore: d).map { .string($0.description) } ?? .null
            },
            person("account_households", [.string], .int) { b, a in
                guard case .string(let s) = a[1] else { return bad("account_households", a[1]) }
                return .int(Int64(b.index.households(usingAccount: s)))
            },
            person("account_in_household", [.string], .bool) { b, a in
                guard case .string(let s) = a[1] else { return bad("account_in_household", a[1]) }
                return .bool(b.index.isHeld(s, byHousehold: b.household) || b.timeline.bankAccounts.contains { $0.account == s })
            },
            person("baseline", [.string, .string, .string], .object(BaselineObject.celTypeName)) { b, a in
                guard case .string(let kind) = a[1], case .string(let region) = a[2], case .string(let period) = a[3] else {
                    return bad("baseline", a[1])
                }
                return .object(BaselineObject(baseline: b.index.baselines.baseline(kind: kind, region: region, period: period)))
            },
            person("household_deaths", [], .int) { b, _ in
                b.fact("household_deaths") { .int(Int64(b.index.deaths(inHousehold: b.household))) }
            },
            person("paid_months", [.string], .int) { b, a in
                guard case .string(let s) = a[1] else { return bad("paid_months", a[1]) }
                return b.fact("paid_months", s) {
                    // Payments are in period order: count the distinct months without building a set.
                    var count: Int64 = 0
                    var last: Period?
                    for p in b.timeline.payments where p.amount.fen > 0 && p.benefit.rawValue == s && p.period != last {
                        count += 1
                        last = p.period
                    }
                    return .int(count)
                }
            },
            person("enrolled_for", [.string, .string], .bool) { b, a in
                guard case .string(let s) = a[1], let benefit = Benefit(rawValue: s), let p = period(a[2]) else {
                    return bad("enrolled_for", a[1])
                }
                return .bool(b.timeline.hasEnrollment(for: benefit, by: p))
            },
            person("contribution_shortfall", [], .int) { b, _ in
                b.fact("contribution_shortfall") { .int(Int64(b.timeline.employeePensionShortfall())) }
            },
            person("first_paid", [.string], .dyn) { b, a in
                guard case .string(let s) = a[1] else { return bad("first_paid", a[1]) }
                return b.fact("first_paid", s) {
                    b.timeline.payments.first { $0.benefit.rawValue == s && $0.amount.fen > 0 }.map { .string($0.period.description) } ?? .null
                }
            },
            person("contribution_months", [.string], .int) { b, a in
                guard let p = period(a[1]) else { return bad("contribution_months", a[1]) }
                return .int(Int64(b.timeline.employeePensionMonths(before: p)))
            },
            person("id_birth_date", [], .string) { b, _ in .string(b.timeline.idNumber.birthDate.description) },
            person("id_sex", [], .string) { b, _ in .string(b.timeline.idNumber.sex.rawValue) },
            person("id_region_known", [], .bool) { b, _ in
                b.fact("id_region_known") { .bool(RegionCatalog.shared.region(String(b.timeline.idNumber.value.prefix(6))) != nil) }
            },
            person("operator_is_relative", [.string], .bool) { b, a in
                guard case .string(let s) = a[1] else { return bad("operator_is_relative", a[1]) }
                return .bool(!s.isEmpty && b.index.isOperator(s, ofHousehold: b.household))
            },
        ]
    }

    private static func fn(
        _ name: String, _ params: [CELType], _ result: CELType, _ body: @escaping @Sendable ([CELValue]) -> CELValue
    ) -> CELFunction {
        let id = ([name] + params.map(\.runtimeName)).joined(separator: "_")
        return CELFunction(name, overloads: [.init(id: id, parameters: params, result: result, implementation: body)])
    }

    /// A function whose first parameter is the `person` object.
    private static func person(
        _ name: String, _ params: [CELType], _ result: CELType,
        _ body: @escaping @Sendable (BoundTimeline, [CELValue]) -> CELValue
    ) -> CELFunction {
        fn(name, [.object(PersonObject.celTypeName)] + params, result) { a in
            guard case .object(let o) = a[0], let p = o as? PersonObject else { return bad(name, a[0]) }
            return body(p.bound, a)
        }
    }

    static func date(_ s: String) -> CivilDate? { CivilDate(s) }
    static func dateValue(_ v: CELValue) -> CivilDate? {
        guard case .string(let s) = v else { return nil }
        return CivilDate(s)
    }
    static func period(_ v: CELValue) -> Period? {
        guard case .string(let s) = v else { return nil }
        return Period(s)
    }
    static func bad(_ function: String, _ value: CELValue) -> CELValue {
        .error(CELError(code: .invalidArgument, reason: "\(function): cannot use \(value)"))
    }
    static func bad(_ function: String, _ value: String) -> CELValue {
        .error(CELError(code: .invalidArgument, reason: "\(function): cannot use '\(value)'"))
    }
}
