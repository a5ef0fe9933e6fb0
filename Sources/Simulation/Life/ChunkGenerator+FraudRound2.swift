import FundWatchCore

/// Planting the schemes of the rule library's second round: insufficient contributions, double
/// pension enrollment, fabricated and altered identities, injury care billed twice, outlying
/// medical bills, survivor benefits without a death, pensions diverted to a stranger's account
/// and benefits paid without enrollment.
extension ChunkGenerator {
    /// 缴费年限不足: the pensioner's only job began five to twelve years before retirement.
    mutating func plantInsufficientContributions() {
        let from = windowStart.adding(months: 1)
        for i in candidates(
            plantCount(.insufficientContributions),
            where: { l, m in
                guard let p = l.pension, p.kind == .employee, p.start >= from, l.death == nil, l.job != nil,
                    l.secondJob == nil, l.custody == nil
                else { return false }
                return m.special == .none && !p.account.isEmpty
            })
        {
            let retire = lives[i].pension!.start
            lives[i].job!.start = retire.adding(months: -rng.int(in: 60...144)).firstDay.adding(days: rng.int(0...20))
            mark(i, FraudScheme.insufficientContributions.rawValue, retire)
        }
    }

    /// 重复参加养老保险: a working employee is also a resident-pension member in another county.
    mutating func plantDuplicatePensionEnrollments() {
        let e = eligible
        for i in candidates(plantCount(.duplicatePensionEnrollment), where: e.workingEmployee) {
            let own = lives[i].county
            var other = world.counties.count > 1 ? world.countyTable.draw(&rng) : own
            if other == own && world.counties.count > 1 { other = (own + 1) % world.counties.count }
            let county = world.counties[other]
            let start = dayInWindow(leaving: configuration.windowMonths * 15)
            lives[i].extraEnrollments.append(
                Life.PlannedEnrollment(insurance: .pensionResident, region: county.codeBytes, start: start, employer: nil, end: nil))
            let tier = Int64([300, 500, 800][rng.int(3)]) * 100
            for year in start.year...windowEnd.year {
                let p = Period(year: year, month: max(start.month, 1))!
                guard p >= start.period, p <= windowEnd else { continue }
                lives[i].extraContributions.append(
                    Life.PlannedContribution(
                        insurance: .pensionResident, period: p, base: 0, amount: tier, employer: nil,
                        paid: p.firstDay.adding(days: rng.int(in: 5...25)), backPayment: false))
            }
            mark(i, FraudScheme.duplicatePensionEnrollment.rawValue, start.period)
        }
    }

    /// 虚构身份: the person's ID number is re-issued with a region code (37 99 xx) that no division has.
    mutating func plantInvalidIDs() {
        let e = eligible
        for i in candidates(
            plantCount(.invalidIDEnrollment),
            where: { l, m in
                (25...58).contains(m.birth.age(on: e.lastDay)) && l.pension == nil && l.death == nil && l.custody == nil
                    && m.special == .none
            })
        {
            let county = world.counties[lives[i].county]
            let region = String(county.code.prefix(2)) + "99" + pad(lives[i].county % 100, 2)
            let id = IDNumber(region: region, birthDate: members[i].birth, sequence: Int(members[i].sequence))
            lives[i].id = Array(id.value.utf8)
            mark(i, FraudScheme.invalidIDEnrollment.rawValue, windowStart)
        }
    }

    /// 篡改身份信息: every department's rows carry an ID number with an earlier birth date than the
    /// registered one (the kind of change that buys an early pension later).
    mutating func plantIdentityMismatches() {
        let e = eligible
        for i in candidates(
            plantCount(.identityMismatch),
            where: { l, m in
                (30...55).contains(m.birth.age(on: e.lastDay)) && l.pension == nil && l.death == nil && l.custody == nil
                    && m.special == .none
            })
        {
            let id = String(decoding: lives[i].id, as: UTF8.self)
            let older = members[i].birth.adding(months: -12 * rng.int(in: 3...8))
            let altered = IDNumber(region: String(id.prefix(6)), birthDate: older, sequence: Int(members[i].sequence))
            lives[i].id = Array(altered.value.utf8)
            mark(i, FraudScheme.identityMismatch.rawValue, windowStart)
        }
    }

    /// 工伤医疗费用医保重复报销: an insured worker is injured; a follow-up visit with the injury's
    /// diagnosis is settled through medical insurance as well.
    mutating func plantInjuryDoubleClaims() {
        let e = eligible
        for i in candidates(
            plantCount(.injuryMedicalDoubleClaim),
            where: { l, m in
                e.workingEmployee(l, m) && l.injuryInsured && (20...55).contains(m.birth.age(on: e.lastDay))
            })
        {
            let county = world.counties[lives[i].county]
            let job = lives[i].job!
            let d = dayInWindow(leaving: 90)
            lives[i].injury = Life.Injury(
                employer: job.employer, date: d, claimDate: d.adding(days: rng.int(in: 5...30)),
                amount: Int64(rng.int(in: 5_000...150_000)) * 100)
            let visit = d.adding(days: rng.int(in: 3...60))
            // An ordinary follow-up bill, so that only the double payment stands out.
            let total = Int64(rng.int(in: 150...700) * 100)
            lives[i].extraSettlements.append(
                Life.PlannedSettlement(
                    institution: county.hospitals[county.hospitals.count > 1 ? 1 : 0], region: county.codeBytes,
                    visit: .outpatient, admission: visit, discharge: nil, total: total, fund: total * 7 / 10,
                    diagnosis: rng.pick(Places.injuryDiagnoses), offSite: false))
            mark(i, FraudScheme.injuryMedicalDoubleClaim.rawValue, visit.period)
        }
    }

    /// 医保结算金额异常: one outpatient bill of 30,000–150,000 yuan from the fund.
    mutating func plantMedicalAmountOutliers() {
        let e = eligible
        for i in candidates(
            plantCount(.medicalAmountOutlier),
            where: { l, m in
                m.birth.age(on: e.lastDay) >= 18 && l.death == nil && l.custody == nil && m.special == .none
            })
        {
            let county = world.counties[lives[i].county]
            let day = dayInWindow(leaving: 5)
            let fund = Int64(rng.int(in: 30_000...150_000)) * 100
            lives[i].extraSettlements.append(
                Life.PlannedSettlement(
                    institution: county.hospitals[0], region: county.codeBytes, visit: .outpatient, admission: day,
                    discharge: nil, total: fund * 10 / 8, fund: fund, diagnosis: rng.pick(Places.outpatientDiagnoses),
                    offSite: false))
            mark(i, FraudScheme.medicalAmountOutlier.rawValue, day.period)
        }
    }

    /// The members of the household of member `i`, by index.
    func household(of i: Int) -> Range<Int> {
        let h = members[i].household
        var lower = i
        while lower > 0 && members[lower - 1].household == h { lower -= 1 }
        var upper = i + 1
        while upper < members.count && members[upper].household == h { upper += 1 }
        return lower..<upper
    }

    /// 遗属待遇: honest ones to the surviving adults of households with a death, and planted ones
    /// to adults of households where nobody died.
    mutating func plantSurvivorBenefits() {
        let months = rng.int(in: 6...12)
        for i in lives.indices where lives[i].death != nil && lives[i].death! < lastDay.adding(days: -60) {
            let survivors = household(of: i).filter {
                $0 != i && lives[$0].death == nil && lives[$0].account != nil && members[$0].birth.age(on: lastDay) >= 18
            }
            guard let s = survivors.first, rng.chance(0.3) else { continue }
            let p0 = lives[i].death!.period.adding(months: 1)
            payMonthly(s, .survivor, from: p0, months: months, amount: Int64(rng.int(in: 800...1500)) * 100)
        }
        let e = eligible
        for i in candidates(
            plantCount(.survivorWithoutDeath),
            where: { l, m in
                (30...75).contains(m.birth.age(on: e.lastDay)) && l.account != nil && l.death == nil
                    && l.custody == nil && m.special == .none
            })
        {
            let members = household(of: i)
            guard !members.contains(where: { lives[$0].death != nil }) else { continue }
            // Keep the household free of deaths planted later (noise registers some).
            for j in members { lives[j].planted = true }
            let p0 = earlyMonth()
            payMonthly(i, .survivor, from: p0, months: rng.int(in: 6...12), amount: Int64(rng.int(in: 800...1500)) * 100)
            mark(i, FraudScheme.survivorWithoutDeath.rawValue, p0)
        }
    }

    /// Pays member `i` a benefit into their own account for up to `months` months (within the window).
    private mutating func payMonthly(_ i: Int, _ benefit: Benefit, from p0: Period, months: Int, amount: Int64) {
        let county = world.counties[lives[i].county]
        let end = min(windowEnd, p0.adding(months: months - 1))
        guard p0 <= end else { return }
        for p in p0...end {
            lives[i].extraPayments.append(
                Life.PlannedPayment(
                    benefit: benefit, period: p, amount: amount, payDate: p.firstDay.adding(days: 14),
                    account: lives[i].account!.account, region: county.codeBytes,
                    operatorID: county.operators[(base + i) % county.operators.count]))
        }
    }

    /// 待遇汇入他人账户: one pensioner's pension goes into the account of an unrelated adult.
    mutating func plantDivertedPensions() {
        let e = eligible
        let last = lastDay
        for p in candidates(plantCount(.accountHolderMismatch), where: e.activePensioner) {
            let household = members[p].household
            guard
                let holder = candidates(
                    1,
                    where: { l, m in
                        l.account != nil && (25...70).contains(m.birth.age(on: last)) && l.death == nil
                            && m.special == .none && m.household != household
                    }
                ).first
            else { return }
            lives[holder].planted = true
            lives[p].pension!.account = lives[holder].account!.account
            mark(p, FraudScheme.accountHolderMismatch.rawValue, windowStart)
        }
    }

    /// 未参保领取待遇: unemployment benefit for a resident who was never insured against unemployment.
    mutating func plantPaymentsWithoutEnrollment() {
        let e = eligible
        for i in candidates(
            plantCount(.paymentWithoutEnrollment),
            where: { l, m in
                l.work == .resident && (25...55).contains(m.birth.age(on: e.lastDay)) && l.pension == nil
                    && l.account != nil && l.death == nil && l.custody == nil && m.special == .none
            })
        {
            let p0 = earlyMonth()
            payMonthly(i, .unemployment, from: p0, months: rng.int(in: 6...12), amount: 195_000)
            mark(i, FraudScheme.paymentWithoutEnrollment.rawValue, p0)
        }
    }
}
