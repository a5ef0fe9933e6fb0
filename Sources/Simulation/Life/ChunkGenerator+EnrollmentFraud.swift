import FundWatchCore

/// Planting the enrollment, unemployment and work-injury schemes.
extension ChunkGenerator {
    /// 虚假参保: a resident is enrolled and paid for by a shell employer that never pays a wage.
    mutating func plantShellEnrollments() {
        let e = eligible
        for i in candidates(
            plantCount(.fakeEnrollmentShellEmployer),
            where: { l, m in
                (l.work == .resident || l.work == .none) && (40...58).contains(m.birth.age(on: e.lastDay))
                    && l.pension == nil && l.death == nil
                    && l.custody == nil && m.special == .none
            })
        {
            let county = world.counties[lives[i].county]
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
    }

    /// 重复参加医保: a working employee also joins resident medical insurance.
    mutating func plantDuplicateMedicalEnrollments() {
        let e = eligible
        for i in candidates(plantCount(.duplicateMedicalEnrollment), where: e.workingEmployee) {
            let d = dayInWindow(leaving: configuration.windowMonths * 15)
            let region =
                world.counties.count > 1
                ? world.counties[world.countyTable.draw(&rng)].codeBytes : world.counties[lives[i].county].codeBytes
            lives[i].extraEnrollments.append(
                Life.PlannedEnrollment(insurance: .medicalResident, region: region, start: d, employer: nil, end: nil))
            mark(i, FraudScheme.duplicateMedicalEnrollment.rawValue, d.period)
        }
    }

    /// 就业期间领取失业金: benefit continues after an undeclared new job starts.
    mutating func plantUnemploymentWhileEmployed() {
        let e = eligible
        for i in candidates(
            plantCount(.unemploymentWhileEmployed),
            where: { l, m in
                e.workingEmployee(l, m) && (25...50).contains(m.birth.age(on: e.lastDay)) && l.account != nil
            })
        {
            let county = world.counties[lives[i].county]
            let loss = windowStart.adding(months: rng.int(max(1, configuration.windowMonths - 10)))
            lives[i].job!.end = loss.lastDay
            lives[i].unemploymentMonths = min(rng.int(in: 6...12), loss.months(to: windowEnd))
            var employer = rng.pick(county.employers)
            if employer == lives[i].job!.employer { employer = rng.pick(county.employers) }
            let start = loss.adding(months: 2).firstDay.adding(days: rng.int(in: 0...20))
            lives[i].secondJob = Life.Job(employer: employer, start: start, end: nil, enrolled: false)
            mark(i, FraudScheme.unemploymentWhileEmployed.rawValue, start.period)
        }
    }

    /// 先伤后保: the employer enrols the worker in work-injury insurance days after the injury.
    mutating func plantInjuriesBeforeEnrollment() {
        let e = eligible
        for i in candidates(
            plantCount(.injuryBeforeEnrollment),
            where: { l, m in
                e.workingEmployee(l, m) && (20...55).contains(m.birth.age(on: e.lastDay))
            })
        {
            let county = world.counties[lives[i].county]
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
    }
}
