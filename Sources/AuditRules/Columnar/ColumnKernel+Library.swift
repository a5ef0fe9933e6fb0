import FundWatchCore

// The kernels of the native terms that cost the batch most (measured with `--rule-costs` and
// perf): each answers exactly what the domain function behind the term answers
// (``NativeCompiler/personFunctions``, ``BaselineTable``), from the same timeline fields, with
// the person-level part computed once per person.

extension ColumnKernel {
    static let library: [Template] = [
        // payment_without_enrollment: hasEnrollment(for:by:) is "some covering enrolment starts
        // by the month's last day", i.e. the earliest covering start is by then.
        Template(.payments, "!enrolled_for(person, R.benefit, R.period)") { _ in
            ColumnKernel(name: "enrolment by the payment's month") { timeline, _, out in
                let payments = timeline.pointee.payments
                let enrollments = timeline.pointee.enrollments
                // Earliest start of a pension, unemployment and work-injury enrolment.
                var pension: CivilDate?
                var unemployment: CivilDate?
                var injury: CivilDate?
                func earlier(_ known: CivilDate?, _ start: CivilDate) -> CivilDate { known.map { min($0, start) } ?? start }
                for e in enrollments.indices {
                    let start = enrollments[e].startDate
                    switch enrollments[e].insurance {
                    case .pensionEmployee, .pensionResident: pension = earlier(pension, start)
                    case .unemployment: unemployment = earlier(unemployment, start)
                    case .workInjury: injury = earlier(injury, start)
                    default: continue
                    }
                }
                for k in payments.indices {
                    let earliest: CivilDate?
                    switch payments[k].benefit {
                    case .pension: earliest = pension
                    case .unemployment: earliest = unemployment
                    case .injuryAllowance: earliest = injury
                    default:
                        // Other benefits need no enrolment: enrolled_for is true.
                        out[k] = no
                        continue
                    }
                    if let earliest, earliest <= payments[k].period.lastDay { out[k] = no } else { out[k] = yes }
                }
            }
        },
        // pension_no_survival_check: a check within twelve months either side of the month.
        Template(
            .payments,
            "!checks.exists(c, months_between(c.check_date, R.period) <= 12 && months_between(R.period, c.check_date) <= 12)"
        ) { costLimit in
            ColumnKernel(name: "survival check within 12 months") { timeline, _, out in
                let payments = timeline.pointee.payments
                let checks = timeline.pointee.qualificationChecks
                // The closure charges one unit per check it visits; far below the budget its
                // answer is never "over budget".
                guard checks.count * 2 + 16 < costLimit else {
                    for k in out.indices { out[k] = undecided }
                    return
                }
                // Months the closure could not read back (`Period(index:)`): left to it.
                let months = 12_000..<120_000
                guard payments.allSatisfy({ months.contains($0.period.index) }),
                    checks.allSatisfy({ months.contains($0.checkDate.period.index) })
                else {
                    for k in out.indices { out[k] = undecided }
                    return
                }
                for k in payments.indices {
                    let month = payments[k].period.index
                    var found = false
                    for c in checks.indices where abs(checks[c].checkDate.period.index - month) <= 12 {
                        found = true
                        break
                    }
                    out[k] = found ? no : yes
                }
            }
        },
        // pension_over_age_cap.
        Template(.payments, "age_at(person, first_day(R.period)) > 100") { _ in
            ColumnKernel(name: "age at the payment's month") { timeline, _, out in
                let payments = timeline.pointee.payments
                // PersonTimeline.age(at:) from the birth date, read once (reading it copies the
                // person record).
                let born = timeline.pointee.birthDate
                for k in payments.indices {
                    let month = payments[k].period
                    out[k] = (12_000..<120_000).contains(month.index) ? (born.age(on: month.firstDay) > 100 ? yes : no) : undecided
                }
            }
        },
        // account_holder_mismatch, account_shared_unrelated: the same questions as the functions,
        // asked once per distinct account of the person's run of payments.
        Template(.payments, "!account_in_household(person, R.bank_account)") { _ in
            ColumnKernel(name: "account held in the household") { timeline, index, out in
                let payments = timeline.pointee.payments
                // The household only when asked: reading it copies the person record (a retain
                // and a release of each of its texts), and most payees hold their account.
                var household: String?
                var last: String?
                var answer = no
                for k in payments.indices {
                    let account = payments[k].bankAccount ?? ""
                    if last != account {
                        // The function's two questions in the other order (both pure): the
                        // person's own accounts first, a compare of a text or two.
                        let held =
                            timeline.pointee.bankAccounts.contains { $0.account == account }
                            || index.isHeld(account, byHousehold: household ?? {
                                let h = index.household(of: timeline.pointee)
                                household = h
                                return h
                            }())
                        answer = held ? no : yes
                        last = account
                    }
                    out[k] = answer
                }
            }
        },
        Template(.payments, "account_households(person, R.bank_account) >= 3") { _ in
            ColumnKernel(name: "households per account") { timeline, index, out in
                let payments = timeline.pointee.payments
                var last: String?
                var answer = no
                for k in payments.indices {
                    let account = payments[k].bankAccount ?? ""
                    if last != account {
                        answer = index.households(usingAccount: account) >= 3 ? yes : no
                        last = account
                    }
                    out[k] = answer
                }
            }
        },
        Template(.payments, "operator_is_relative(person, R.operator_id)") { _ in
            ColumnKernel(name: "operator of the household") { timeline, index, out in
                let payments = timeline.pointee.payments
                let household = index.household(of: timeline.pointee)
                var last: String?
                var answer = no
                for k in payments.indices {
                    let staff = payments[k].operatorID ?? ""
                    if last != staff {
                        answer = !staff.isEmpty && index.isOperator(staff, ofHousehold: household) ? yes : no
                        last = staff
                    }
                    out[k] = answer
                }
            }
        },
        // medical_amount_outlier: the settlement's baseline, looked up by integer key.
        Template(.settlements, "baseline(person, R.visit, R.region_code, period_of(R.admission_date)).mad > 0.0") { _ in
            settlementBaseline(name: "baseline MAD > 0") { _, b in
                b.mad > 0 ? yes : (b.mad <= 0 ? no : undecided)
            }
        },
        Template(
            .settlements,
            "double(R.fund_amount) > baseline(person, R.visit, R.region_code, period_of(R.admission_date)).median"
                + " + 8.0 * 1.4826 * baseline(person, R.visit, R.region_code, period_of(R.admission_date)).mad"
        ) { _ in
            settlementBaseline(name: "fund amount above median + 8 · 1.4826 · MAD") { fen, b in
                above(Double(fen), b.median + 8.0 * 1.4826 * b.mad)
            }
        },
        // enrollment_duplicate_medical: isEnrolled(in:at:) at the record's start.
        Template(.enrollments, "enrolled(person, 'medical_employee', R.start_date)") { _ in
            ColumnKernel(name: "employee medical cover at the start") { timeline, _, out in
                let enrollments = timeline.pointee.enrollments
                // PersonTimeline.isEnrolled(in:at:) field by field (Enrollment.covers copies).
                for k in enrollments.indices {
                    let date = enrollments[k].startDate
                    var covered = false
                    for o in enrollments.indices where enrollments[o].insurance == .medicalEmployee && enrollments[o].startDate <= date {
                        if let end = enrollments[o].endDate, end < date { continue }
                        covered = true
                        break
                    }
                    out[k] = covered ? yes : no
                }
            }
        },
        // enrollment_shell_employer: the enrolment's employer among the employment records.
        Template(.enrollments, "!employed_by(person, R.employer_id)") { _ in
            ColumnKernel(name: "employer in the employment records") { timeline, _, out in
                let enrollments = timeline.pointee.enrollments
                let employment = timeline.pointee.employment
                var last: String?
                var answer = no
                for k in enrollments.indices {
                    let employer = enrollments[k].employerID ?? ""
                    if last != employer {
                        answer = employment.contains { $0.employerID == employer } ? no : yes
                        last = employer
                    }
                    out[k] = answer
                }
            }
        },
        // enrollment_duplicate_pension: another pension enrolment, earlier (ties broken by
        // insurance and region, compared as CEL compares strings: by UTF-8 bytes), still open at
        // the record's start.
        Template(
            .enrollments,
            "enrollments.exists(o, (o.insurance == 'pension_employee' || o.insurance == 'pension_resident')"
                + " && (o.start_date < R.start_date || (o.start_date == R.start_date"
                + " && o.insurance + o.region_code < R.insurance + R.region_code))"
                + " && (o.end_date == null || o.end_date > R.start_date))"
        ) { costLimit in
            ColumnKernel(name: "an earlier pension enrolment open at the start") { timeline, _, out in
                let enrollments = timeline.pointee.enrollments
                // The closure charges one unit per enrolment visited and each concatenation its
                // length: answer only far below the budget.
                var longest = 0
                for k in enrollments.indices {
                    longest = max(longest, enrollments[k].insurance.rawValue.utf8.count + enrollments[k].regionCode.utf8.count)
                }
                guard enrollments.count * (1 + 2 * longest) * 2 + 16 < costLimit else {
                    for k in out.indices { out[k] = undecided }
                    return
                }
                for k in enrollments.indices {
                    let start = enrollments[k].startDate
                    var found = false
                    // Not the record itself: its own start and text are equal, never earlier.
                    for o in enrollments.indices where o != k {
                        let insurance = enrollments[o].insurance
                        guard insurance == .pensionEmployee || insurance == .pensionResident else { continue }
                        let other = enrollments[o].startDate
                        let earlier =
                            other < start
                            || (other == start
                                && NativeValue.utf8Order(
                                    insurance.rawValue, enrollments[o].regionCode,
                                    enrollments[k].insurance.rawValue, enrollments[k].regionCode) < 0)
                        guard earlier else { continue }
                        if let end = enrollments[o].endDate, end <= start { continue }
                        found = true
                        break
                    }
                    out[k] = found ? yes : no
                }
            }
        },
    ]

    static let conditionalLibrary: [ConditionalTemplate] = [
        // pension_amount_outlier for a pensioner with three paid months or more: the amount
        // against five times the median paid (the other persons go to the closure).
        ConditionalTemplate(
            .payments, condition: "paid_months(person, 'pension') >= 3", then: "R.amount > 5 * median_paid(person, 'pension')"
        ) { _ in
            ColumnKernel(name: "pension above 5 × the person's median") { timeline, _, out in
                let payments = timeline.pointee.payments
                // paid_months and median_paid as the functions compute them.
                var months = 0
                var last: Period?
                var amounts = [Int64]()
                for k in payments.indices where payments[k].benefit == .pension && payments[k].amount.fen > 0 {
                    amounts.append(payments[k].amount.fen)
                    if payments[k].period != last {
                        months += 1
                        last = payments[k].period
                    }
                }
                guard months >= 3 else {
                    for k in out.indices { out[k] = undecided }
                    return
                }
                amounts.sort()
                let (limit, overflow) = Int64(5).multipliedReportingOverflow(by: amounts[amounts.count / 2])
                for k in payments.indices {
                    out[k] = overflow ? undecided : (payments[k].amount.fen > limit ? yes : no)
                }
            }
        }
    ]

    /// `x > threshold`, left undecided within a hair of the boundary (the closure's arithmetic
    /// is then the judge).
    static func above(_ x: Double, _ threshold: Double) -> UInt8 {
        guard x.isFinite, threshold.isFinite else { return undecided }
        if abs(x - threshold) <= 1e-9 * max(1, abs(threshold)) { return undecided }
        return x > threshold ? yes : no
    }

    /// A kernel over settlements reading each one's baseline (visit kind, region, admission
    /// month) as `baseline(person, s.visit, s.region_code, period_of(s.admission_date))` does.
    static func settlementBaseline(name: String, _ answer: @escaping @Sendable (_ fen: Int64, Baseline) -> UInt8) -> ColumnKernel {
        // The kind codes by visit (`VisitKind.allCases` is built anew on each use).
        let outpatient = BaselineTable.kinds[VisitKind.outpatient.rawValue]
        let inpatient = BaselineTable.kinds[VisitKind.inpatient.rawValue]
        return ColumnKernel(name: name) { timeline, index, out in
            let settlements = timeline.pointee.settlements
            var lastRegion: String?
            var region: Int32 = 0
            for k in settlements.indices {
                let month = settlements[k].admissionDate.period.index
                let kind: UInt8?
                switch settlements[k].visit {
                case .outpatient: kind = outpatient
                case .inpatient: kind = inpatient
                }
                // The closure reads other months through their text: leave those to it.
                guard (12_000..<120_000).contains(month), let code = kind else {
                    out[k] = undecided
                    continue
                }
                let text = settlements[k].regionCode ?? ""
                if lastRegion != text {
                    region = Int32(text) ?? 0
                    lastRegion = text
                }
                out[k] = answer(settlements[k].fundAmount.fen, index.baselines.baseline(code: code, region: region, month: month))
            }
        }
    }
}
