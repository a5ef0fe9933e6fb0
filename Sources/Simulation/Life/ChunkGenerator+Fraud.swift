import FundWatchCore

/// Planting the fraud schemes. Each scheme picks members that fit its story (a pensioner for
/// pension schemes, a working employee for unemployment fraud, …), changes their plan so the
/// evidence appears in the department files, and labels them in truth.csv with the first month
/// the wrongdoing shows. A member carries at most one planted scheme or noise.
extension ChunkGenerator {
    /// How many cases of a scheme to plant in this chunk.
    mutating func plantCount(_ scheme: FraudScheme) -> Int {
        rng.count(expected: configuration.rate(scheme) * Double(members.count))
    }

    /// Up to `n` distinct members not yet planted that satisfy `eligible`, found by random probing.
    mutating func candidates(_ n: Int, where eligible: (Life, Member) -> Bool) -> [Int] {
        guard n > 0, !lives.isEmpty else { return [] }
        var picked = [Int]()
        var tries = 0
        while picked.count < n && tries < n * 80 + 400 {
            tries += 1
            let i = rng.int(lives.count)
            if lives[i].planted || picked.contains(i) { continue }
            if eligible(lives[i], members[i]) { picked.append(i) }
        }
        return picked
    }

    mutating func mark(_ i: Int, _ scheme: String, _ first: Period) {
        lives[i].planted = true
        lives[i].schemes.append((scheme, first))
    }

    /// A day in the window, at least `margin` days before its end.
    mutating func dayInWindow(leaving margin: Int, from start: CivilDate? = nil) -> CivilDate {
        let from = start ?? firstDay
        return from.adding(days: rng.int(max(1, from.days(to: lastDay) - margin)))
    }

    /// A month in the window's first half.
    mutating func earlyMonth() -> Period { windowStart.adding(months: rng.int(max(1, configuration.windowMonths / 2))) }

    mutating func plantFraud() {
        plantVeryOldPensioners()
        plantPensionsAfterDeath()
        plantPensionsInCustody()
        plantDuplicatePensions()
        plantPensionsBeforeRetirementAge()
        plantShellEnrollments()
        plantDuplicateMedicalEnrollments()
        plantUnemploymentWhileEmployed()
        plantInjuriesBeforeEnrollment()
        plantMedicalAfterDeath()
        plantSplitHospitalisations()
        plantSameDayDistantVisits()
        plantSharedAccounts()
        plantOperators()
        plantVeryLargePayments()
        plantBackPayments()
        plantInsufficientContributions()
        plantDuplicatePensionEnrollments()
        plantInvalidIDs()
        plantIdentityMismatches()
        plantInjuryDoubleClaims()
        plantMedicalAmountOutliers()
        plantSurvivorBenefits()
        plantDivertedPensions()
        plantPaymentsWithoutEnrollment()
    }

    /// Who the schemes may be planted on.
    var eligible: Eligibility { Eligibility(windowStart: windowStart, lastDay: lastDay) }

    /// One account collecting the pensions of three to five unrelated pensioners.
    mutating func plantSharedAccounts() {
        let e = eligible
        var remaining = plantCount(.sharedBankAccount)
        let last = lastDay
        while remaining > 0 {
            guard
                let holder = candidates(
                    1,
                    where: { l, m in
                        l.account != nil && (25...70).contains(m.birth.age(on: last)) && l.death == nil
                            && m.special == .none
                    }
                ).first
            else { return }
            let size = max(2, min(remaining, rng.int(in: 3...5)))
            var households: Set<Int32> = [members[holder].household]
            var payees = [Int]()
            for _ in 0..<size {
                guard
                    let p = candidates(
                        1, where: { l, m in e.activePensioner(l, m) && !households.contains(m.household) }
                    )
                    .first
                else { break }
                households.insert(members[p].household)
                payees.append(p)
            }
            guard payees.count >= 2 else { return }
            lives[holder].planted = true
            for p in payees {
                lives[p].pension!.account = lives[holder].account!.account
                mark(p, FraudScheme.sharedBankAccount.rawValue, windowStart)
            }
            remaining -= payees.count
        }
    }

    /// An operator at the county bureau paying unemployment benefit to relatives in their own household.
    mutating func plantOperators() {
        var remaining = plantCount(.operatorPaysRelatives)
        let last = lastDay
        var attempts = 0
        while remaining > 0 && attempts < 50 {
            attempts += 1
            guard
                let op = candidates(
                    1,
                    where: { l, m in
                        (25...48).contains(m.birth.age(on: last)) && l.death == nil && l.custody == nil
                            && l.pension == nil && m.special == .none
                    }
                ).first
            else { return }
            let household = members[op].household
            var relatives = [Int]()
            var j = op - 1
            while j >= 0 && members[j].household == household { j -= 1 }
            j += 1
            while j < members.count && members[j].household == household {
                let l = lives[j]
                // Residents and students without a pension: never insured against unemployment,
                // and not pensioners (that would be unemployment_with_pension as well).
                let notWorking = l.work != .employee && l.pension == nil
                if j != op, !l.planted, l.account != nil, l.death == nil, l.custody == nil, notWorking,
                    relatives.count < 2
                {
                    relatives.append(j)
                }
                j += 1
            }
            guard !relatives.isEmpty else { continue }
            let county = world.counties[lives[op].county]
            var start = members[op].birth.adding(months: 23 * 12 + rng.int(24))
            if start < CivilDate(year: 1995, month: 1, day: 1)! {
                start = CivilDate(year: 1995, month: 1, day: 1)!.adding(days: rng.int(365))
            }
            if start > firstDay.adding(days: -90) { start = firstDay.adding(days: -rng.int(in: 90...400)) }
            lives[op].work = .employee
            lives[op].job = Life.Job(employer: county.bureau, start: start, end: nil, enrolled: true)
            lives[op].secondJob = nil
            lives[op].unemploymentMonths = 0
            lives[op].injury = nil
            lives[op].wage = Int64(rng.int(in: 55...85)) * 10_000
            lives[op].planted = true
            let staffID = "JB\(county.code)-\(pad(base + op, 9))"
            out.staff.text(staffID)
            out.staff.text(lives[op].name)
            out.staff.plain(county.codeBytes)
            out.staff.text("待遇经办")
            out.staff.date(start)
            out.staff.text("本科")
            out.staff.text("待遇发放")
            out.staff.endRow()
            for r in relatives {
                let p0 = earlyMonth()
                let months = rng.int(in: 6...12)
                let amount = Int64(rng.int(in: 190...210) * 1000)
                for p in p0..<min(windowEnd.adding(months: 1), p0.adding(months: months)) {
                    lives[r].extraPayments.append(
                        Life.PlannedPayment(
                            benefit: .unemployment, period: p, amount: amount, payDate: p.firstDay.adding(days: 14),
                            account: lives[r].account!.account, region: county.codeBytes, operatorID: staffID))
                }
                mark(r, FraudScheme.operatorPaysRelatives.rawValue, p0)
                remaining -= 1
            }
        }
    }
}

/// The members a scheme's story fits.
struct Eligibility {
    let windowStart: Period
    let lastDay: CivilDate

    /// Drawing a pension since before the window, alive, free, with an account, under 100.
    func activePensioner(_ l: Life, _ m: Member) -> Bool {
        guard let p = l.pension, p.start <= windowStart, l.death == nil, l.custody == nil, m.special == .none else {
            return false
        }
        return !p.account.isEmpty && m.birth.age(on: lastDay) < 100
    }

    /// In a job since before the window, not retired, alive, free, with no other planted employment story.
    func workingEmployee(_ l: Life, _ m: Member) -> Bool {
        guard l.work == .employee, let job = l.job, job.end == nil, l.pension == nil, l.death == nil,
            l.secondJob == nil
        else { return false }
        return job.start < windowStart.firstDay.adding(days: -60) && l.injury == nil && l.custody == nil
    }
}
