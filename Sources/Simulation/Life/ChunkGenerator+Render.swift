import FundWatchCore

/// Writing each planned life as the rows every department would export about it.
extension ChunkGenerator {
    mutating func render() {
        for i in lives.indices { render(i) }
    }

    private static let insuranceBytes: [Insurance: [UInt8]] = Dictionary(
        uniqueKeysWithValues: Insurance.allCases.map { ($0, Array($0.rawValue.utf8)) })
    private static let benefitBytes: [Benefit: [UInt8]] = Dictionary(
        uniqueKeysWithValues: Benefit.allCases.map { ($0, Array($0.rawValue.utf8)) })

    private mutating func render(_ i: Int) {
        let life = lives[i]
        let m = members[i]
        let g = base + i
        let county = world.counties[life.county]
        let death = life.death
        let deathPeriod = death?.period
        let operatorID = county.operators[g % county.operators.count]

        // person
        out.person.plain(life.id)
        out.person.text(life.name)
        out.person.plain(m.male ? "male" : "female")
        out.person.date(m.birth)
        out.person.plain(county.codeBytes)
        out.person.text(life.address)
        if let phone = life.phone { out.person.text(phone) } else { out.person.empty() }
        out.person.endRow()

        // bank accounts
        for account in [life.account].compactMap({ $0 }) + life.extraAccounts {
            out.account.plain(account.account)
            out.account.plain(life.id)
            out.account.text(Places.banks[account.bank].name)
            out.account.date(account.opened)
            out.account.endRow()
        }

        let jobs = [life.job, life.secondJob].compactMap { $0 }

        // enrollments
        func enroll(
            _ insurance: Insurance, _ region: [UInt8], _ start: CivilDate, _ employer: String?, _ end: CivilDate?
        ) {
            var end = end
            if let d = death, end.map({ $0 > d }) ?? true { end = d }
            if let e = end, e < start { end = start }
            out.enrollment.plain(life.id)
            out.enrollment.plain(ChunkGenerator.insuranceBytes[insurance]!)
            out.enrollment.plain(region)
            out.enrollment.date(start)
            if let employer { out.enrollment.text(employer) } else { out.enrollment.empty() }
            if let end { out.enrollment.date(end) } else { out.enrollment.empty() }
            out.enrollment.endRow()
        }
        switch life.work {
        case .child, .student, .none:
            enroll(.medicalResident, county.codeBytes, life.residentStart, nil, nil)
        case .resident:
            enroll(.pensionResident, county.codeBytes, life.residentStart, nil, nil)
            enroll(.medicalResident, county.codeBytes, life.residentStart, nil, nil)
        case .employee:
            for job in jobs where job.enrolled {
                let retired = life.pension != nil && job.end.map { $0.period < life.pension!.start } ?? false
                enroll(.pensionEmployee, county.codeBytes, job.start, job.employer, retired ? nil : job.end)
                enroll(.medicalEmployee, county.codeBytes, job.start, job.employer, retired ? nil : job.end)
                enroll(.unemployment, county.codeBytes, job.start, job.employer, job.end)
                if life.injuryInsured { enroll(.workInjury, county.codeBytes, job.start, job.employer, job.end) }
                enroll(.maternity, county.codeBytes, job.start, job.employer, job.end)
            }
        }
        for e in life.extraEnrollments { enroll(e.insurance, e.region, e.start, e.employer, e.end) }

        // contributions and tax employment records, month by month in the window
        let pensionStart = life.pension?.start
        func working(_ job: Life.Job, _ p: Period) -> Bool {
            life.jobActive(job, in: p) && (pensionStart.map { p < $0 } ?? true) && (deathPeriod.map { p < $0 } ?? true)
        }
        var employmentRows = 0
        for p in windowStart...windowEnd {
            for job in jobs where working(job, p) {
                if job.enrolled {
                    out.contribution.plain(life.id)
                    out.contribution.plain("pension_employee")
                    out.contribution.period(p)
                    out.contribution.int(life.wage * 24 / 100)
                    out.contribution.int(life.wage)
                    out.contribution.text(job.employer)
                    out.contribution.date(p.firstDay.adding(days: 19))
                    out.contribution.plain("false")
                    out.contribution.endRow()
                }
                let start = out.employment.bytes.count
                out.employment.plain(life.departmentID)
                out.employment.text(job.employer)
                out.employment.period(p)
                out.employment.int(life.wage)
                out.employment.endRow()
                employmentRows += 1
                if life.duplicateRows && employmentRows == 1 {
                    let row = Array(out.employment.bytes[start...])
                    out.employment.appendRaw(row)
                    out.employment.countRows(1)
                }
            }
        }
        if life.work == .resident {
            let month = 1 + g % 6
            let tier = Int64([300, 500, 800, 1000, 1500, 2000][g % 6]) * 100
            for year in windowStart.year...windowEnd.year {
                let p = Period(year: year, month: month)!
                guard p >= windowStart, p <= windowEnd, m.birth.age(on: p.lastDay) >= 18 else { continue }
                if let s = pensionStart, p >= s { continue }
                if let d = deathPeriod, p >= d { continue }
                out.contribution.plain(life.id)
                out.contribution.plain("pension_resident")
                out.contribution.period(p)
                out.contribution.int(tier)
                out.contribution.empty()
                out.contribution.empty()
                out.contribution.date(p.firstDay.adding(days: 9 + g % 15))
                out.contribution.plain("false")
                out.contribution.endRow()
            }
        }
        for c in life.extraContributions {
            out.contribution.plain(life.id)
            out.contribution.plain(ChunkGenerator.insuranceBytes[c.insurance]!)
            out.contribution.period(c.period)
            out.contribution.int(c.amount)
            out.contribution.int(c.base)
            if let e = c.employer { out.contribution.text(e) } else { out.contribution.empty() }
            out.contribution.date(c.paid)
            out.contribution.bool(c.backPayment)
            out.contribution.endRow()
        }

        // benefit payments
        var paymentNumber = 0
        func pay(
            _ benefit: Benefit, _ p: Period, _ amount: Int64, _ date: CivilDate, _ account: [UInt8], _ region: [UInt8],
            _ op: String
        ) {
            paymentNumber += 1
            out.payment.id("FF", g * 10_000 + paymentNumber, width: 13)
            out.payment.plain(life.id)
            out.payment.plain(ChunkGenerator.benefitBytes[benefit]!)
            out.payment.period(p)
            out.payment.int(amount)
            out.payment.date(date)
            out.payment.plain(account)
            out.payment.plain(region)
            out.payment.text(op)
            out.payment.endRow()
        }
        let ownAccount = life.account?.account ?? []
        if let pension = life.pension {
            let account = pension.account.isEmpty ? ownAccount : pension.account
            var lastPaid = windowEnd
            let recorded = life.deathRegistrations.map { death!.adding(days: $0.delay) }.min()
            if let d = deathPeriod, !life.pensionAfterDeath {
                lastPaid = life.reversedAfterDeath ? recorded!.period : d
            }
            if life.custody != nil
                && !life.schemes.contains(where: { $0.scheme == FraudScheme.pensionInCustody.rawValue })
            {
                lastPaid = min(lastPaid, life.custody!.start.period)
            }
            let from = max(windowStart, pension.start)
            if from <= lastPaid {
                for p in from...lastPaid {
                    var amount = pension.amount * Int64(100 + 2 * (p.year - windowStart.year)) / 100
                    if let large = life.largePayment, large.period == p { amount = large.amount }
                    pay(.pension, p, amount, p.firstDay.adding(days: 9), account, county.codeBytes, operatorID)
                }
            }
            if life.reversedAfterDeath, let d = deathPeriod, let recorded, d < lastPaid {
                for p in d.adding(months: 1)...lastPaid {
                    let amount = pension.amount * Int64(100 + 2 * (p.year - windowStart.year)) / 100
                    pay(
                        .pension, p, -amount, min(lastDay, recorded.adding(days: 15)), account, county.codeBytes,
                        operatorID)
                }
            }
            if let d = death, !life.pensionAfterDeath, let recorded, recorded.adding(days: 10) <= lastDay,
                !ownAccount.isEmpty
            {
                pay(
                    .funeral, d.period, Int64(rng.int(in: 5000...8000)) * 100, recorded.adding(days: 10), ownAccount,
                    county.codeBytes, operatorID)
            }
        }
        if let job = life.job, let end = job.end, life.unemploymentMonths > 0, !ownAccount.isEmpty {
            let amount: Int64 = 195_000
            for k in 1...life.unemploymentMonths {
                let p = end.period.adding(months: k)
                guard p <= windowEnd, deathPeriod.map({ p <= $0 }) ?? true else { break }
                pay(.unemployment, p, amount, p.firstDay.adding(days: 14), ownAccount, county.codeBytes, operatorID)
            }
        }
        if let injury = life.injury, !ownAccount.isEmpty {
            // 停工留薪期 / 伤残津贴: one to three months after the claim.
            let amount = life.wage > 0 ? life.wage * 9 / 10 : 300_000
            for k in 1...(1 + g % 3) {
                let p = injury.claimDate.period.adding(months: k)
                guard p <= windowEnd, deathPeriod.map({ p < $0 }) ?? true else { break }
                pay(.injuryAllowance, p, amount, p.firstDay.adding(days: 14), ownAccount, county.codeBytes, operatorID)
            }
        }
        if let (p, amount) = life.maternity, !ownAccount.isEmpty,
            death.map({ $0 > p.firstDay.adding(days: 19) }) ?? true
        {
            pay(.maternity, p, amount, p.firstDay.adding(days: 19), ownAccount, county.codeBytes, operatorID)
        }
        for x in life.extraPayments { pay(x.benefit, x.period, x.amount, x.payDate, x.account, x.region, x.operatorID) }

        // medical settlements
        var settlementNumber = 0
        var firstSettlement = true
        func settle(_ s: Life.PlannedSettlement) {
            settlementNumber += 1
            let start = out.settlement.bytes.count
            out.settlement.id("JS", g * 10_000 + settlementNumber, width: 13)
            out.settlement.plain(life.departmentID)
            out.settlement.text(s.institution)
            out.settlement.plain(s.visit == .inpatient ? "inpatient" : "outpatient")
            out.settlement.date(s.admission)
            out.settlement.int(s.total)
            out.settlement.int(s.fund)
            if let d = s.discharge { out.settlement.date(d) } else { out.settlement.empty() }
            out.settlement.text(s.diagnosis)
            out.settlement.plain(s.region)
            out.settlement.bool(s.offSite)
            out.settlement.endRow()
            if life.duplicateRows && firstSettlement {
                let row = Array(out.settlement.bytes[start...])
                out.settlement.appendRaw(row)
                out.settlement.countRows(1)
            }
            firstSettlement = false
        }
        let age = m.birth.age(on: lastDay)
        let perYear = age < 5 ? 1.6 : age < 15 ? 0.8 : age < 45 ? 0.6 : age < 65 ? 1.2 : 2.5
        let end = death.map { min($0.adding(days: -1), lastDay) } ?? lastDay
        let span = firstDay.days(to: end)
        if span > 1 {
            let blocked = life.extraSettlements.filter(\.offSite)
            var days = Set<Int>()
            for _ in 0..<rng.poisson(perYear * Double(configuration.windowMonths) / 12) { days.insert(rng.int(span)) }
            for offset in days.sorted() {
                let day = firstDay.adding(days: offset)
                if blocked.contains(where: { $0.admission <= day && day <= ($0.discharge ?? $0.admission) }) {
                    continue
                }
                let pharmacy = age >= 16 && rng.chance(0.3)
                let institution =
                    pharmacy
                    ? county.pharmacies[rng.int(county.pharmacies.count)]
                    : county.hospitals[rng.chance(0.5) ? 0 : rng.int(county.hospitals.count)]
                let total = Int64(rng.int(in: 30...800) * 100 + rng.int(100))
                settle(
                    Life.PlannedSettlement(
                        institution: institution, region: county.codeBytes, visit: .outpatient, admission: day,
                        discharge: nil,
                        total: total, fund: total * Int64(rng.int(in: 40...70)) / 100,
                        diagnosis: Places.outpatientDiagnoses[rng.int(Places.outpatientDiagnoses.count)], offSite: false
                    ))
            }
            let inpatient = age < 45 ? 0.02 : age < 65 ? 0.05 : 0.12
            if span > 40, life.injury == nil, rng.chance(inpatient * Double(configuration.windowMonths) / 12) {
                let admission = firstDay.adding(days: rng.int(span - 30))
                if !blocked.contains(where: { abs($0.admission.days(to: admission)) < 40 }) {
                    let total = Int64(rng.int(in: 4_000...40_000) * 100)
                    settle(
                        Life.PlannedSettlement(
                            institution: county.hospitals[rng.int(min(3, county.hospitals.count))],
                            region: county.codeBytes,
                            visit: .inpatient, admission: admission,
                            discharge: admission.adding(days: rng.int(in: 3...15)), total: total,
                            fund: total * Int64(rng.int(in: 55...80)) / 100,
                            diagnosis: Places.inpatientDiagnoses[rng.int(Places.inpatientDiagnoses.count)],
                            offSite: false))
                }
            }
        }
        if let injury = life.injury {
            let total = Int64(rng.int(in: 3_000...30_000) * 100)
            settle(
                Life.PlannedSettlement(
                    institution: county.hospitals[0], region: county.codeBytes, visit: .inpatient,
                    admission: injury.date,
                    discharge: injury.date.adding(days: rng.int(in: 2...14)), total: total, fund: total * 8 / 10,
                    diagnosis: Places.injuryDiagnoses[rng.int(Places.injuryDiagnoses.count)], offSite: false))
        }
        for s in life.extraSettlements { settle(s) }

        // work injury
        if let injury = life.injury {
            out.injury.id("GS", g * 100 + 1, width: 11)
            out.injury.plain(life.id)
            out.injury.text(injury.employer)
            out.injury.date(injury.date)
            out.injury.date(injury.claimDate)
            out.injury.int(injury.amount)
            out.injury.plain(county.codeBytes)
            out.injury.endRow()
        }

        // deaths
        if let death {
            for (k, registration) in life.deathRegistrations.enumerated() {
                out.death.plain(life.departmentID)
                out.death.date(death)
                out.death.plain(
                    registration.source == .civilAffairs
                        ? "civil_affairs" : registration.source == .publicSecurity ? "public_security" : "health")
                out.death.text(k == 0 ? (life.deathName ?? life.name) : life.name)
                out.death.date(death.adding(days: registration.delay))
                out.death.endRow()
            }
        }

        // custody
        if let custody = life.custody {
            out.custody.plain(life.departmentID)
            out.custody.date(custody.start)
            out.custody.plain(custody.kind == .detention ? "detention" : "imprisonment")
            if let e = custody.end { out.custody.date(e) } else { out.custody.empty() }
            out.custody.text(county.court)
            out.custody.endRow()
        }

        // survival verification, once in every twelve months of the window
        if let pension = life.pension, !life.neverVerified {
            var spanStart = windowStart
            while spanStart <= windowEnd {
                let spanEnd = min(windowEnd, spanStart.adding(months: 11))
                let from = max(spanStart.firstDay, pension.start.firstDay)
                let to = min(spanEnd.lastDay, death.map { $0.adding(days: -1) } ?? lastDay)
                if from <= to {
                    let date = from.adding(days: rng.int(from.days(to: to) + 1))
                    let r = rng.unit()
                    let method: StaticString =
                        age >= 85
                        ? (r < 0.3 ? "home_visit" : r < 0.5 ? "in_person" : r < 0.8 ? "face_recognition" : "data_match")
                        : (r < 0.65 ? "face_recognition" : r < 0.9 ? "data_match" : "in_person")
                    out.check.plain(life.id)
                    out.check.date(date)
                    out.check.plain(method)
                    out.check.endRow()
                }
                spanStart = spanStart.adding(months: 12)
            }
        }

        // truth
        for (scheme, first) in life.schemes {
            out.truth.plain(life.id)
            out.truth.text(scheme)
            if scheme.hasPrefix("noise_") { out.truth.empty() } else { out.truth.text(scheme) }
            out.truth.period(first)
            out.truth.endRow()
            out.schemeCounts[scheme, default: 0] += 1
        }
    }
}
