import FundWatchCore

/// Planting honest noise: irregular but lawful data that a careless rule would flag. Listed in
/// truth.csv under `noise_` schemes with no rule ids.
extension ChunkGenerator {
    mutating func noiseCount(_ noise: NoiseKind) -> Int {
        rng.count(expected: configuration.rate(noise) * Double(members.count))
    }

    mutating func plantNoise() {
        let ws = windowStart
        let last = lastDay
        func pensioner(_ l: Life, _ m: Member) -> Bool {
            guard let p = l.pension, p.start <= ws, l.death == nil, l.custody == nil, m.special == .none else {
                return false
            }
            return !p.account.isEmpty
        }

        for i in candidates(noiseCount(.lateDeathRegistration), where: pensioner) {
            let d = dayInWindow(leaving: 220)
            lives[i].death = d
            let delay = rng.int(in: 75...160)
            lives[i].deathRegistrations = [(.civilAffairs, delay)]
            if rng.chance(0.5) { lives[i].deathRegistrations.append((.publicSecurity, delay + rng.int(in: 0...10))) }
            lives[i].reversedAfterDeath = true
            mark(i, NoiseKind.lateDeathRegistration.rawValue, d.period.adding(months: 1))
        }

        for i in candidates(
            noiseCount(.fifteenDigitID),
            where: { l, m in
                (1900...1999).contains(m.birth.year) && m.special == .none && (l.work == .employee || l.pension != nil)
            })
        {
            let id = String(decoding: lives[i].id, as: UTF8.self)
            lives[i].id15 = Array((String(id.prefix(6)) + String(id.dropFirst(8).prefix(9))).utf8)
            mark(i, NoiseKind.fifteenDigitID.rawValue, ws)
        }

        for kind in [NoiseKind.nameTypo, .traditionalName] {
            for i in candidates(
                noiseCount(kind),
                where: { l, m in
                    m.birth.age(on: last) >= 70 && l.death == nil && m.special == .none && l.custody == nil
                        && (kind == .nameTypo || ChineseNames.traditionalForm(of: l.name) != l.name)
                })
            {
                let d = dayInWindow(leaving: 60)
                ChunkGenerator.registerDeath(&lives[i], on: d, rng: &rng)
                if lives[i].deathRegistrations.count < 2 {
                    lives[i].deathRegistrations.append((.publicSecurity, rng.int(in: 3...40)))
                }
                lives[i].deathName =
                    kind == .nameTypo
                    ? ChineseNames.typo(of: lives[i].name, rng: &rng) : ChineseNames.traditionalForm(of: lives[i].name)
                mark(i, kind.rawValue, d.period)
            }
        }

        for i in candidates(
            noiseCount(.duplicateRows),
            where: { l, m in
                l.work == .employee && l.job?.end == nil && l.pension == nil && l.death == nil && m.special == .none
            })
        {
            lives[i].duplicateRows = true
            mark(i, NoiseKind.duplicateRows.rawValue, ws)
        }

        for i in candidates(
            noiseCount(.familySharedAccount),
            where: { l, m in
                pensioner(l, m) && m.spouse >= 0
            })
        {
            let spouse = Int(members[i].spouse)
            guard let account = lives[spouse].account, lives[spouse].death == nil else { continue }
            lives[i].pension!.account = account.account
            mark(i, NoiseKind.familySharedAccount.rawValue, ws)
        }

        for i in members.indices where members[i].special == .centenarian && !lives[i].planted {
            if lives[i].pension == nil {
                lives[i].pension = Life.Pension(
                    kind: .resident, start: members[i].birth.period.adding(months: 720),
                    amount: Int64(rng.int(in: 150...300) * 100),
                    account: lives[i].account?.account ?? [])
                lives[i].work = .resident
            }
            mark(i, NoiseKind.verifiedCentenarian.rawValue, ws)
        }

        for i in candidates(
            noiseCount(.smallBackPayment),
            where: { l, m in
                guard let job = l.job, l.work == .employee, job.end == nil, l.pension == nil, l.death == nil else {
                    return false
                }
                return (25...45).contains(m.birth.age(on: last)) && job.start.period < ws.adding(months: -14)
            })
        {
            let job = lives[i].job!
            let paid = dayInWindow(leaving: 10)
            let first = max(job.start.period, windowStart.adding(months: -rng.int(in: 13...48)))
            for p in first..<first.adding(months: rng.int(in: 1...3)) where p < windowStart {
                lives[i].extraContributions.append(
                    Life.PlannedContribution(
                        insurance: .pensionEmployee, period: p, base: lives[i].wage, amount: lives[i].wage * 24 / 100,
                        employer: job.employer, paid: paid, backPayment: true))
            }
            mark(i, NoiseKind.smallBackPayment.rawValue, paid.period)
        }

        for i in candidates(
            noiseCount(.offSiteCare),
            where: { l, m in
                m.birth.age(on: last) >= 30 && l.death == nil && m.special == .none && l.custody == nil
            })
        {
            guard let distant = world.distantHospitals.isEmpty ? nil : rng.pick(world.distantHospitals) else { break }
            let admission = dayInWindow(leaving: 20)
            let total = Int64(rng.int(in: 15_000...80_000) * 100)
            lives[i].extraSettlements.append(
                Life.PlannedSettlement(
                    institution: distant.institutionID, region: Array(distant.regionCode.utf8), visit: .inpatient,
                    admission: admission,
                    discharge: admission.adding(days: rng.int(in: 5...14)), total: total, fund: total * 6 / 10,
                    diagnosis: rng.pick(Places.inpatientDiagnoses), offSite: true))
            mark(i, NoiseKind.offSiteCare.rawValue, admission.period)
        }
    }
}
