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
        let ws = windowStart
        let last = lastDay
        let counties = world.counties
        func activePensioner(_ l: Life, _ m: Member) -> Bool {
            guard let p = l.pension, p.start <= ws, l.death == nil, l.custody == nil, m.special == .none else {
                return false
            }
            return !p.account.isEmpty && m.birth.age(on: last) < 100
        }
        func workingEmployee(_ l: Life, _ m: Member) -> Bool {
            guard l.work == .employee, let job = l.job, job.end == nil, l.pension == nil, l.death == nil,
                l.secondJob == nil
            else { return false }
            return job.start < ws.firstDay.adding(days: -60) && l.injury == nil && l.custody == nil
        }

        for i in members.indices where members[i].special == .veryOld {
            if lives[i].pension == nil {
                lives[i].pension = Life.Pension(
                    kind: .resident, start: members[i].birth.period.adding(months: 720),
                    amount: Int64(rng.int(in: 150...300) * 100),
                    account: lives[i].account?.account ?? [])
                lives[i].work = .resident
            }
            lives[i].neverVerified = true
            mark(i, FraudScheme.unverifiedVeryOldPensioner.rawValue, ws)
        }

        for i in candidates(plantCount(.pensionAfterDeath), where: activePensioner) {
            let d = dayInWindow(leaving: 100)
            ChunkGenerator.registerDeath(&lives[i], on: d, rng: &rng)
            lives[i].pensionAfterDeath = true
            mark(i, FraudScheme.pensionAfterDeath.rawValue, d.period.adding(months: 1))
        }

        for i in candidates(
            plantCount(.pensionInCustody), where: { l, m in activePensioner(l, m) && m.birth.age(on: last) < 80 })
        {
            let start = dayInWindow(leaving: 70)
            lives[i].custody = Life.Custody(start: start, end: nil, kind: .imprisonment)
            mark(i, FraudScheme.pensionInCustody.rawValue, start.period.adding(months: 1))
        }

        for i in candidates(
            plantCount(.duplicatePension), where: { l, m in activePensioner(l, m) && l.pension?.kind == .employee })
        {
            let own = lives[i].county
            var region: String
            var operatorID: String
            if counties.count > 1 {
                var other = world.countyTable.draw(&rng)
                if other == own { other = (own + 1) % counties.count }
                region = counties[other].code
                operatorID = rng.pick(counties[other].operators)
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

        for i in candidates(
            plantCount(.pensionBeforeRetirementAge),
            where: { l, m in
                let a = m.birth.age(on: last)
                return workingEmployee(l, m) && (m.male ? (40...54).contains(a) : (35...45).contains(a))
                    && l.account != nil
            })
        {
            let p0 = earlyMonth()
            let county = counties[lives[i].county]
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

        for i in candidates(
            plantCount(.fakeEnrollmentShellEmployer),
            where: { l, m in
                (l.work == .resident || l.work == .none) && (40...58).contains(m.birth.age(on: last))
                    && l.pension == nil && l.death == nil
                    && l.custody == nil && m.special == .none
            })
        {
            let county = counties[lives[i].county]
            let shell = rng.pick(county.shellEmployers)
            let d = dayInWindow(leaving: configuration.windowMonths * 15)
            lives[i].extraEnrollments.append(
                Life.PlannedEnrollment(
                    insurance: .pensionEmployee, region: county.codeBytes, start: d, employer: shell, end: nil))
            let base: Int64 = 380_000
            for p in d.period...windowEnd {
                lives[i].extraContributions.append(
                    Life.PlannedContribution(
                        insurance: .pensionEmployee, period: p, base: base, amount: base * 24 / 100, employer: shell,
                        paid: max(d, p.firstDay.adding(days: 19)), backPayment: false))
            }
            mark(i, FraudScheme.fakeEnrollmentShellEmployer.rawValue, d.period)
        }

        for i in candidates(plantCount(.duplicateMedicalEnrollment), where: workingEmployee) {
            let d = dayInWindow(leaving: configuration.windowMonths * 15)
            let region =
                counties.count > 1
                ? counties[world.countyTable.draw(&rng)].codeBytes : counties[lives[i].county].codeBytes
            lives[i].extraEnrollments.append(
                Life.PlannedEnrollment(insurance: .medicalResident, region: region, start: d, employer: nil, end: nil))
            mark(i, FraudScheme.duplicateMedicalEnrollment.rawValue, d.period)
        }

        for i in candidates(
            plantCount(.unemploymentWhileEmployed),
            where: { l, m in
                workingEmployee(l, m) && (25...50).contains(m.birth.age(on: last)) && l.account != nil
            })
        {
            let county = counties[lives[i].county]
            let loss = windowStart.adding(months: rng.int(max(1, configuration.windowMonths - 10)))
            lives[i].job!.end = loss.lastDay
            lives[i].unemploymentMonths = min(rng.int(in: 6...12), loss.months(to: windowEnd))
            var employer = rng.pick(county.employers)
            if employer == lives[i].job!.employer { employer = rng.pick(county.employers) }
            let start = loss.adding(months: 2).firstDay.adding(days: rng.int(in: 0...20))
            lives[i].secondJob = Life.Job(employer: employer, start: start, end: nil, enrolled: false)
            mark(i, FraudScheme.unemploymentWhileEmployed.rawValue, start.period)
        }

        for i in candidates(
            plantCount(.injuryBeforeEnrollment),
            where: { l, m in
                workingEmployee(l, m) && (20...55).contains(m.birth.age(on: last))
            })
        {
            let county = counties[lives[i].county]
            let job = lives[i].job!
            lives[i].injuryInsured = false
            let d = dayInWindow(leaving: 75)
            let enrolled = d.adding(days: rng.int(in: 2...20))
            lives[i].extraEnrollments.append(
                Life.PlannedEnrollment(
                    insurance: .workInjury, region: county.codeBytes, start: enrolled, employer: job.employer, end: nil)
            )
            lives[i].injury = Life.Injury(
                employer: job.employer, date: d, claimDate: enrolled.adding(days: rng.int(in: 5...25)),
                amount: Int64(rng.int(in: 20_000...200_000)) * 100)
            mark(i, FraudScheme.injuryBeforeEnrollment.rawValue, d.period)
        }

        for i in candidates(
            plantCount(.medicalAfterDeath),
            where: { l, m in
                (40...90).contains(m.birth.age(on: last)) && l.death == nil && m.special == .none && l.custody == nil
            })
        {
            let county = counties[lives[i].county]
            let d = dayInWindow(leaving: 120)
            ChunkGenerator.registerDeath(&lives[i], on: d, rng: &rng)
            var day = d.adding(days: rng.int(in: 10...40))
            var first: Period?
            for _ in 0..<rng.int(in: 2...4) where day <= last {
                let pharmacy = rng.chance(0.6)
                let total = Int64(rng.int(in: 80...900) * 100 + rng.int(100))
                lives[i].extraSettlements.append(
                    Life.PlannedSettlement(
                        institution: pharmacy ? rng.pick(county.pharmacies) : county.hospitals[0],
                        region: county.codeBytes,
                        visit: .outpatient, admission: day, discharge: nil, total: total, fund: total * 6 / 10,
                        diagnosis: rng.pick(Places.outpatientDiagnoses), offSite: false))
                first = first ?? day.period
                day = day.adding(days: rng.int(in: 5...30))
            }
            mark(i, FraudScheme.medicalAfterDeath.rawValue, first ?? d.period.adding(months: 1))
        }

        for i in candidates(
            plantCount(.splitHospitalisation),
            where: { l, m in
                m.birth.age(on: last) >= 45 && l.death == nil && m.special == .none && l.custody == nil
            })
        {
            let county = counties[lives[i].county]
            let hospital = county.hospitals[rng.int(min(2, county.hospitals.count))]
            let diagnosis = rng.pick(Places.inpatientDiagnoses)
            let a0 = dayInWindow(leaving: 60)
            var admission = a0
            for _ in 0..<3 {
                let discharge = admission.adding(days: rng.int(in: 6...10))
                guard discharge <= last else { break }
                let total = Int64(rng.int(in: 8_000...20_000) * 100)
                lives[i].extraSettlements.append(
                    Life.PlannedSettlement(
                        institution: hospital, region: county.codeBytes, visit: .inpatient, admission: admission,
                        discharge: discharge,
                        total: total, fund: total * 7 / 10, diagnosis: diagnosis, offSite: false))
                admission = discharge.adding(days: rng.int(in: 0...1))
            }
            mark(i, FraudScheme.splitHospitalisation.rawValue, a0.period)
        }

        for i in candidates(
            plantCount(.sameDayDistantVisits),
            where: { l, m in
                m.birth.age(on: last) >= 18 && l.death == nil && m.special == .none && l.custody == nil
            })
        {
            let county = counties[lives[i].county]
            let d = dayInWindow(leaving: 5)
            let distant = rng.pick(world.distantHospitals)
            for (institution, region, off) in [
                (county.hospitals[0], county.codeBytes, false),
                (distant.institutionID, Array(distant.regionCode.utf8), true),
            ] {
                let total = Int64(rng.int(in: 60...600) * 100)
                lives[i].extraSettlements.append(
                    Life.PlannedSettlement(
                        institution: institution, region: region, visit: .outpatient, admission: d, discharge: nil,
                        total: total,
                        fund: total / 2, diagnosis: rng.pick(Places.outpatientDiagnoses), offSite: off))
            }
            mark(i, FraudScheme.sameDayDistantVisits.rawValue, d.period)
        }

        plantSharedAccounts(activePensioner: activePensioner)
        plantOperators()

        for i in candidates(plantCount(.veryLargePayment), where: activePensioner) {
            let p = windowStart.adding(months: rng.int(configuration.windowMonths))
            let amount = max(lives[i].pension!.amount * Int64(rng.int(in: 40...120)), 10_000_000)
            lives[i].largePayment = (p, amount)
            mark(i, FraudScheme.veryLargePayment.rawValue, p)
        }

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
            let years = rng.int(in: 5...10)
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

    /// One account collecting the pensions of three to five unrelated pensioners.
    private mutating func plantSharedAccounts(activePensioner: (Life, Member) -> Bool) {
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
                    let p = candidates(1, where: { l, m in activePensioner(l, m) && !households.contains(m.household) })
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
    private mutating func plantOperators() {
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
                let notWorking = l.work != .employee || (l.pension.map { $0.start <= windowStart } ?? false)
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
