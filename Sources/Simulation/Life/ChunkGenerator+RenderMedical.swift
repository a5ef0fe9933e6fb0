import FundWatchCore

/// Writing medical settlements: outpatient visits and hospital stays by age, the stay after a
/// work injury, and planted settlements.
extension ChunkGenerator {
    mutating func settle(_ rows: inout PersonRows, _ s: Life.PlannedSettlement) {
        rows.settlementNumber += 1
        let start = out.settlement.bytes.count
        out.settlement.id("JS", rows.index * 10_000 + rows.settlementNumber, width: 13)
        let keyed = keyedID(&rows, named: false)
        out.settlement.plain(keyed.id)
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
        if let noise = keyed.noise {
            labelIdentity(.medicalSettlement, noise, rows, row: out.settlement.bytes[start...])
        }
        if rows.life.duplicateRows && rows.settlementNumber == 1 {
            let row = Array(out.settlement.bytes[start...])
            out.settlement.appendRaw(row)
            out.settlement.countRows(1)
        }
    }

    mutating func writeSettlements(_ rows: inout PersonRows) {
        let life = rows.life
        let county = rows.county
        let age = rows.age
        let perYear = age < 5 ? 1.6 : age < 15 ? 0.8 : age < 45 ? 0.6 : age < 65 ? 1.2 : 2.5
        let end = rows.death.map { min($0.adding(days: -1), lastDay) } ?? lastDay
        let span = firstDay.days(to: end)
        if span > 1 {
            // Planted off-site stays keep the days around them free, so no honest visit falls on them.
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
                let fund = total * Int64(rng.int(in: 40...70)) / 100
                let diagnosis = Places.outpatientDiagnoses[rng.int(Places.outpatientDiagnoses.count)]
                settle(
                    &rows,
                    Life.PlannedSettlement(
                        institution: institution, region: county.codeBytes, visit: .outpatient, admission: day,
                        discharge: nil, total: total, fund: fund, diagnosis: diagnosis, offSite: false))
            }
            let inpatient = age < 45 ? 0.02 : age < 65 ? 0.05 : 0.12
            if span > 40, life.injury == nil, rng.chance(inpatient * Double(configuration.windowMonths) / 12) {
                let admission = firstDay.adding(days: rng.int(span - 30))
                // Keep clear of every planted stay, not only off-site ones: an honest stay overlapping a
                // planted split hospitalisation would be a false alarm of medical_inpatient_overlap.
                let planted = life.extraSettlements.filter { $0.offSite || $0.visit == .inpatient }
                if !planted.contains(where: { abs($0.admission.days(to: admission)) < 40 }) {
                    let total = Int64(rng.int(in: 4_000...40_000) * 100)
                    let hospital = county.hospitals[rng.int(min(3, county.hospitals.count))]
                    let discharge = admission.adding(days: rng.int(in: 3...15))
                    let fund = total * Int64(rng.int(in: 55...80)) / 100
                    let diagnosis = Places.inpatientDiagnoses[rng.int(Places.inpatientDiagnoses.count)]
                    settle(
                        &rows,
                        Life.PlannedSettlement(
                            institution: hospital, region: county.codeBytes, visit: .inpatient, admission: admission,
                            discharge: discharge, total: total, fund: fund, diagnosis: diagnosis, offSite: false))
                }
            }
        }
        if let injury = life.injury {
            let total = Int64(rng.int(in: 3_000...30_000) * 100)
            let discharge = injury.date.adding(days: rng.int(in: 2...14))
            let diagnosis = Places.injuryDiagnoses[rng.int(Places.injuryDiagnoses.count)]
            settle(
                &rows,
                Life.PlannedSettlement(
                    institution: county.hospitals[0], region: county.codeBytes, visit: .inpatient,
                    admission: injury.date, discharge: discharge, total: total, fund: total * 8 / 10,
                    diagnosis: diagnosis, offSite: false))
        }
        for s in life.extraSettlements { settle(&rows, s) }
    }
}
