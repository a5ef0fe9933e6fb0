import FundWatchCore

/// Planting the medical-insurance schemes.
extension ChunkGenerator {
    /// 死亡后医保结算: someone goes on using a dead person's medical card.
    mutating func plantMedicalAfterDeath() {
        let e = eligible
        for i in candidates(
            plantCount(.medicalAfterDeath),
            where: { l, m in
                (40...90).contains(m.birth.age(on: e.lastDay)) && l.death == nil && m.special == .none
                    && l.custody == nil
            })
        {
            let county = world.counties[lives[i].county]
            let d = dayInWindow(leaving: 120)
            ChunkGenerator.registerDeath(&lives[i], on: d, rng: &rng)
            var day = d.adding(days: rng.int(in: 10...40))
            var first: Period?
            for _ in 0..<rng.int(in: 2...4) where day <= e.lastDay {
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
    }

    /// 分解住院: one stay split into consecutive admissions at the same hospital.
    mutating func plantSplitHospitalisations() {
        let e = eligible
        for i in candidates(
            plantCount(.splitHospitalisation),
            where: { l, m in
                m.birth.age(on: e.lastDay) >= 45 && l.death == nil && m.special == .none && l.custody == nil
            })
        {
            let county = world.counties[lives[i].county]
            let hospital = county.hospitals[rng.int(min(2, county.hospitals.count))]
            let diagnosis = rng.pick(Places.inpatientDiagnoses)
            let a0 = dayInWindow(leaving: 60)
            var admission = a0
            for _ in 0..<3 {
                let discharge = admission.adding(days: rng.int(in: 6...10))
                guard discharge <= e.lastDay else { break }
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
    }

    /// 同日异地就医: outpatient visits on one day at home and 600+ km away.
    mutating func plantSameDayDistantVisits() {
        let e = eligible
        for i in candidates(
            plantCount(.sameDayDistantVisits),
            where: { l, m in
                m.birth.age(on: e.lastDay) >= 18 && l.death == nil && m.special == .none && l.custody == nil
            })
        {
            let county = world.counties[lives[i].county]
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
    }
}
