import FundWatchCore

/// The person being written and the running numbers of their rows.
struct PersonRows {
    let life: Life
    let member: Member
    /// Global index of the person (row ids are derived from it, so they are unique across chunks).
    let index: Int
    let county: County
    /// The operator who keys in the person's ordinary payments.
    let operatorID: String
    let ownAccount: [UInt8]
    let jobs: [Life.Job]
    var paymentNumber = 0
    var settlementNumber = 0
    /// Draws identity noise for the person's other-department records (nil when it is off).
    var identity: SimulationRandom?

    var death: CivilDate? { life.death }
    var deathPeriod: Period? { life.death?.period }
    var age: Int { member.birth.age(on: lastDay) }
    let lastDay: CivilDate
}

/// Writing each planned life as the rows every department would export about it, in a fixed
/// order: person, accounts, enrollments, contributions and tax records, payments, medical
/// settlements, injury, death, custody, survival checks, truth.
extension ChunkGenerator {
    mutating func render() {
        for i in lives.indices {
            let life = lives[i]
            let county = world.counties[life.county]
            let g = base + i
            rng = SimulationRandom(seed: configuration.seed, ChunkGenerator.rowsStream, UInt64(g))
            var rows = PersonRows(
                life: life, member: members[i], index: g, county: county,
                operatorID: county.operators[g % county.operators.count], ownAccount: life.account?.account ?? [],
                jobs: [life.job, life.secondJob].compactMap { $0 }, identity: identityRandom(person: g), lastDay: lastDay)
            writePerson(rows)
            writeEnrollments(rows)
            writeWork(rows)
            writePayments(&rows)
            writeSettlements(&rows)
            writeEvents(&rows)
            writeDuplicateRegistration(rows)
        }
    }

    static let insuranceBytes: [Insurance: [UInt8]] = Dictionary(
        uniqueKeysWithValues: Insurance.allCases.map { ($0, Array($0.rawValue.utf8)) })
    static let benefitBytes: [Benefit: [UInt8]] = Dictionary(
        uniqueKeysWithValues: Benefit.allCases.map { ($0, Array($0.rawValue.utf8)) })

    private mutating func writePerson(_ rows: PersonRows) {
        let life = rows.life
        out.person.plain(life.id)
        out.person.text(life.name)
        out.person.plain(rows.member.male ? "male" : "female")
        out.person.date(rows.member.birth)
        out.person.plain(rows.county.codeBytes)
        out.person.text(life.address)
        if let phone = life.phone { out.person.text(phone) } else { out.person.empty() }
        out.person.endRow()

        for account in [life.account].compactMap({ $0 }) + life.extraAccounts {
            out.account.plain(account.account)
            out.account.plain(life.id)
            out.account.text(Places.banks[account.bank].name)
            out.account.date(account.opened)
            out.account.endRow()
        }
    }

    private mutating func enroll(
        _ rows: PersonRows, _ insurance: Insurance, _ region: [UInt8], _ start: CivilDate, _ employer: String?,
        _ end: CivilDate?
    ) {
        var end = end
        if let d = rows.death, end.map({ $0 > d }) ?? true { end = d }
        if let e = end, e < start { end = start }
        out.enrollment.plain(rows.life.id)
        out.enrollment.plain(ChunkGenerator.insuranceBytes[insurance]!)
        out.enrollment.plain(region)
        out.enrollment.date(start)
        if let employer { out.enrollment.text(employer) } else { out.enrollment.empty() }
        if let end { out.enrollment.date(end) } else { out.enrollment.empty() }
        out.enrollment.endRow()
    }

    private mutating func writeEnrollments(_ rows: PersonRows) {
        let life = rows.life
        let region = rows.county.codeBytes
        switch life.work {
        case .child, .student, .none:
            enroll(rows, .medicalResident, region, life.residentStart, nil, nil)
        case .resident:
            enroll(rows, .pensionResident, region, life.residentStart, nil, nil)
            enroll(rows, .medicalResident, region, life.residentStart, nil, nil)
        case .employee:
            for job in rows.jobs where job.enrolled {
                // A pensioner stays in the pension and medical schemes after the job ends.
                let retired = life.pension != nil && job.end.map { $0.period < life.pension!.start } ?? false
                enroll(rows, .pensionEmployee, region, job.start, job.employer, retired ? nil : job.end)
                enroll(rows, .medicalEmployee, region, job.start, job.employer, retired ? nil : job.end)
                enroll(rows, .unemployment, region, job.start, job.employer, job.end)
                if life.injuryInsured { enroll(rows, .workInjury, region, job.start, job.employer, job.end) }
                enroll(rows, .maternity, region, job.start, job.employer, job.end)
            }
        }
        for e in life.extraEnrollments { enroll(rows, e.insurance, e.region, e.start, e.employer, e.end) }
    }

    /// Contributions and tax employment records, month by month in the window.
    private mutating func writeWork(_ rows: PersonRows) {
        let life = rows.life
        let pensionStart = life.pension?.start
        let deathPeriod = rows.deathPeriod
        func working(_ job: Life.Job, _ p: Period) -> Bool {
            life.jobActive(job, in: p) && (pensionStart.map { p < $0 } ?? true) && (deathPeriod.map { p < $0 } ?? true)
        }
        var employmentRows = 0
        for p in windowStart...windowEnd {
            for job in rows.jobs where working(job, p) {
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
            // 城乡居民养老保险: one yearly payment at a chosen tier.
            let g = rows.index
            let month = 1 + g % 6
            let tier = Int64([300, 500, 800, 1000, 1500, 2000][g % 6]) * 100
            for year in windowStart.year...windowEnd.year {
                let p = Period(year: year, month: month)!
                guard p >= windowStart, p <= windowEnd, rows.member.birth.age(on: p.lastDay) >= 18 else { continue }
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
    }

    /// Injury claim, death registrations, custody, survival checks and the truth rows.
    private mutating func writeEvents(_ rows: inout PersonRows) {
        let life = rows.life
        let county = rows.county
        if let injury = life.injury {
            out.injury.id("GS", rows.index * 100 + 1, width: 11)
            out.injury.plain(life.id)
            out.injury.text(injury.employer)
            out.injury.date(injury.date)
            out.injury.date(injury.claimDate)
            out.injury.int(injury.amount)
            out.injury.plain(county.codeBytes)
            out.injury.endRow()
        }

        if let death = rows.death {
            for (k, registration) in life.deathRegistrations.enumerated() {
                let start = out.death.bytes.count
                let keyed = keyedID(&rows, named: true)
                out.death.plain(keyed.id)
                out.death.date(death)
                out.death.plain(
                    registration.source == .civilAffairs
                        ? "civil_affairs" : registration.source == .publicSecurity ? "public_security" : "health")
                out.death.text(k == 0 ? (life.deathName ?? life.name) : life.name)
                out.death.date(death.adding(days: registration.delay))
                out.death.endRow()
                if let noise = keyed.noise { labelIdentity(.deathRecord, noise, rows, row: out.death.bytes[start...]) }
            }
        }

        if let custody = life.custody {
            let start = out.custody.bytes.count
            let keyed = keyedID(&rows, named: false)
            out.custody.plain(keyed.id)
            out.custody.date(custody.start)
            out.custody.plain(custody.kind == .detention ? "detention" : "imprisonment")
            if let e = custody.end { out.custody.date(e) } else { out.custody.empty() }
            out.custody.text(county.court)
            out.custody.endRow()
            if let noise = keyed.noise { labelIdentity(.custodyRecord, noise, rows, row: out.custody.bytes[start...]) }
        }

        // Survival verification, once in every twelve months of the window.
        if let pension = life.pension, !life.neverVerified {
            let age = rows.age
            var spanStart = windowStart
            while spanStart <= windowEnd {
                let spanEnd = min(windowEnd, spanStart.adding(months: 11))
                let from = max(spanStart.firstDay, pension.start.firstDay)
                let to = min(spanEnd.lastDay, rows.death.map { $0.adding(days: -1) } ?? lastDay)
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

        for (scheme, first) in life.schemes {
            out.truth.plain(life.id)
            out.truth.text(scheme)
            // rule_ids name the rule library's ids that should fire for the scheme.
            if let fraud = FraudScheme(rawValue: scheme) {
                out.truth.text(fraud.ruleIDs.joined(separator: ";"))
            } else {
                out.truth.empty()
            }
            out.truth.period(first)
            out.truth.endRow()
            out.schemeCounts[scheme, default: 0] += 1
        }
    }
}
