import FundWatchCore

/// Planting the pension schemes.
extension ChunkGenerator {
    /// 超高龄未认证: the very old members built with the households get a pension and are never verified.
    mutating func plantVeryOldPensioners() {
        let e = eligible
        for i in members.indices where members[i].special == .veryOld {
            if lives[i].pension == nil {
                lives[i].pension = Life.Pension(
                    kind: .resident, start: members[i].birth.period.adding(months: 720),
                    amount: Int64(rng.int(in: 150...300) * 100),
                    account: lives[i].account?.account ?? [])
                lives[i].work = .resident
            }
            lives[i].neverVerified = true
            mark(i, FraudScheme.unverifiedVeryOldPensioner.rawValue, e.windowStart)
        }
    }

    /// 冒领养老金: a pensioner dies (registered on time) and the pension goes on.
    mutating func plantPensionsAfterDeath() {
        let e = eligible
        for i in candidates(plantCount(.pensionAfterDeath), where: e.activePensioner) {
            let d = dayInWindow(leaving: 100)
            ChunkGenerator.registerDeath(&lives[i], on: d, rng: &rng)
            lives[i].pensionAfterDeath = true
            mark(i, FraudScheme.pensionAfterDeath.rawValue, d.period.adding(months: 1))
        }
    }

    /// 服刑期间领取养老金: a pensioner is imprisoned and the pension goes on.
    mutating func plantPensionsInCustody() {
        let e = eligible
        for i in candidates(
            plantCount(.pensionInCustody), where: { l, m in e.activePensioner(l, m) && m.birth.age(on: e.lastDay) < 80 }
        ) {
            let start = dayInWindow(leaving: 70)
            lives[i].custody = Life.Custody(start: start, end: nil, kind: .imprisonment)
            mark(i, FraudScheme.pensionInCustody.rawValue, start.period.adding(months: 1))
        }
    }

    /// 重复领取养老金: an employee pensioner also draws a resident pension in another region.
    mutating func plantDuplicatePensions() {
        let e = eligible
        for i in candidates(
            plantCount(.duplicatePension), where: { l, m in e.activePensioner(l, m) && l.pension?.kind == .employee })
        {
            let own = lives[i].county
            var region: String
            var operatorID: String
            if world.counties.count > 1 {
                var other = world.countyTable.draw(&rng)
                if other == own { other = (own + 1) % world.counties.count }
                region = world.counties[other].code
                operatorID = rng.pick(world.counties[other].operators)
            } else {
                region = rng.pick(world.distantHospitals).regionCode
                operatorID = "JB\(region)901"
            }
            let regionBytes = Array(region.utf8)
            let bank = (lives[i].account!.bank + 1 + rng.int(Places.banks.count - 1)) % Places.banks.count
            let second =
                Array(Places.banks[bank].bin.utf8) + Array(pad(base + i, 10).utf8)
                + Array("9\(rng.int(in: 10...99))".utf8)
            lives[i].extraAccounts.append(
                Life.PlannedAccount(
                    account: second, bank: bank,
                    opened: CivilDate(
                        year: rng.int(in: 2012...2016), month: rng.int(in: 1...12), day: rng.int(in: 1...28))!))
            lives[i].extraEnrollments.append(
                Life.PlannedEnrollment(
                    insurance: .pensionResident, region: regionBytes,
                    start: CivilDate(
                        year: rng.int(in: 2012...2016), month: rng.int(in: 1...12), day: rng.int(in: 1...28))!,
                    employer: nil, end: nil))
            let p0 = earlyMonth()
            let amount = Int64(rng.int(in: 180...320) * 100)
            for p in p0...windowEnd {
                lives[i].extraPayments.append(
                    Life.PlannedPayment(
                        benefit: .pension, period: p, amount: amount, payDate: p.firstDay.adding(days: 11),
                        account: second, region: regionBytes,
                        operatorID: operatorID))
            }
            mark(i, FraudScheme.duplicatePension.rawValue, p0)
        }
    }

    /// 未到法定退休年龄领取养老金: a working employee well under retirement age is paid a pension.
    mutating func plantPensionsBeforeRetirementAge() {
        let e = eligible
        for i in candidates(
            plantCount(.pensionBeforeRetirementAge),
            where: { l, m in
                let a = m.birth.age(on: e.lastDay)
                return e.workingEmployee(l, m) && (m.male ? (40...54).contains(a) : (35...45).contains(a))
                    && l.account != nil
            })
        {
            let p0 = earlyMonth()
            let county = world.counties[lives[i].county]
            let amount = Int64(rng.int(in: 2800...4200) * 100)
            for p in p0...windowEnd {
                lives[i].extraPayments.append(
                    Life.PlannedPayment(
                        benefit: .pension, period: p, amount: amount, payDate: p.firstDay.adding(days: 9),
                        account: lives[i].account!.account, region: county.codeBytes,
                        operatorID: county.operators[(base + i) % county.operators.count]))
            }
            mark(i, FraudScheme.pensionBeforeRetirementAge.rawValue, p0)
        }
    }

    /// 单笔支付金额异常: one month's pension is 40–120 times the usual amount.
    mutating func plantVeryLargePayments() {
        let e = eligible
        for i in candidates(plantCount(.veryLargePayment), where: e.activePensioner) {
            let p = windowStart.adding(months: rng.int(configuration.windowMonths))
            let amount = max(lives[i].pension!.amount * Int64(rng.int(in: 40...120)), 10_000_000)
            lives[i].largePayment = (p, amount)
            mark(i, FraudScheme.veryLargePayment.rawValue, p)
        }
    }

    /// 突击补缴: nine to twelve years back-paid in one go months before retirement, after a late job start.
    mutating func plantBackPayments() {
        let retiringFrom = windowStart.adding(months: 4)
        for i in candidates(
            plantCount(.backPaymentBeforeRetirement),
            where: { l, m in
                guard let p = l.pension, p.kind == .employee, p.start >= retiringFrom, l.death == nil, l.job != nil
                else { return false }
                return m.special == .none
            })
        {
            let retire = lives[i].pension!.start
            let jobStart = retire.adding(months: -rng.int(in: 84...120)).firstDay.adding(days: rng.int(0...20))
            lives[i].job!.start = jobStart
            // Enough years that job and back payment together pass the 15-year minimum: the
            // scheme is buying years just before retirement, not a pension without them.
            let years = rng.int(in: 9...12)
            var paidMonth = retire.adding(months: -rng.int(in: 2...10))
            if paidMonth < windowStart { paidMonth = windowStart }
            let paid = paidMonth.firstDay.adding(days: rng.int(in: 0...25))
            let base = Int64(rng.int(in: 3000...3600) * 100)
            for p in jobStart.period.adding(months: -years * 12)..<jobStart.period {
                lives[i].extraContributions.append(
                    Life.PlannedContribution(
                        insurance: .pensionEmployee, period: p, base: base, amount: base * 20 / 100, employer: nil,
                        paid: paid,
                        backPayment: true))
            }
            mark(i, FraudScheme.backPaymentBeforeRetirement.rawValue, paid.period)
        }
    }
}
