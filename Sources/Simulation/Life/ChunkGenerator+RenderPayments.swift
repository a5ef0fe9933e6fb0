import FundWatchCore

/// Writing benefit payments: pensions (with reversals and one-off large amounts), funeral grants,
/// unemployment, injury and maternity allowances, and planted payments.
extension ChunkGenerator {
    mutating func pay(
        _ rows: inout PersonRows, _ benefit: Benefit, _ p: Period, _ amount: Int64, _ date: CivilDate,
        _ account: [UInt8], _ region: [UInt8], _ op: String
    ) {
        rows.paymentNumber += 1
        out.payment.id("FF", rows.index * 10_000 + rows.paymentNumber, width: 13)
        out.payment.plain(rows.life.id)
        out.payment.plain(ChunkGenerator.benefitBytes[benefit]!)
        out.payment.period(p)
        out.payment.int(amount)
        out.payment.date(date)
        out.payment.plain(account)
        out.payment.plain(region)
        out.payment.text(op)
        out.payment.endRow()
    }

    mutating func writePayments(_ rows: inout PersonRows) {
        let life = rows.life
        let region = rows.county.codeBytes
        let op = rows.operatorID
        let own = rows.ownAccount
        let death = rows.death
        let deathPeriod = rows.deathPeriod
        if let pension = life.pension {
            let account = pension.account.isEmpty ? own : pension.account
            var lastPaid = windowEnd
            let recorded = life.deathRegistrations.map { death!.adding(days: $0.delay) }.min()
            if let d = deathPeriod, !life.pensionAfterDeath {
                // Paid through the month of death, or until a late registration stopped it.
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
                    pay(&rows, .pension, p, amount, p.firstDay.adding(days: 9), account, region, op)
                }
            }
            if life.reversedAfterDeath, let d = deathPeriod, let recorded, d < lastPaid {
                // 追回: the months paid after death are reversed once the death is known.
                for p in d.adding(months: 1)...lastPaid {
                    let amount = pension.amount * Int64(100 + 2 * (p.year - windowStart.year)) / 100
                    pay(&rows, .pension, p, -amount, min(lastDay, recorded.adding(days: 15)), account, region, op)
                }
            }
            if let d = death, !life.pensionAfterDeath, let recorded, recorded.adding(days: 10) <= lastDay, !own.isEmpty
            {
                let amount = Int64(rng.int(in: 5000...8000)) * 100
                pay(&rows, .funeral, d.period, amount, recorded.adding(days: 10), own, region, op)
            }
        }
        if let job = life.job, let end = job.end, life.unemploymentMonths > 0, !own.isEmpty {
            for k in 1...life.unemploymentMonths {
                let p = end.period.adding(months: k)
                guard p <= windowEnd, deathPeriod.map({ p <= $0 }) ?? true else { break }
                pay(&rows, .unemployment, p, 195_000, p.firstDay.adding(days: 14), own, region, op)
            }
        }
        if let injury = life.injury, !own.isEmpty {
            // 停工留薪期 / 伤残津贴: one to three months after the claim.
            let amount = life.wage > 0 ? life.wage * 9 / 10 : 300_000
            for k in 1...(1 + rows.index % 3) {
                let p = injury.claimDate.period.adding(months: k)
                guard p <= windowEnd, deathPeriod.map({ p < $0 }) ?? true else { break }
                pay(&rows, .injuryAllowance, p, amount, p.firstDay.adding(days: 14), own, region, op)
            }
        }
        if let (p, amount) = life.maternity, !own.isEmpty, death.map({ $0 > p.firstDay.adding(days: 19) }) ?? true {
            pay(&rows, .maternity, p, amount, p.firstDay.adding(days: 19), own, region, op)
        }
        for x in life.extraPayments {
            pay(&rows, x.benefit, x.period, x.amount, x.payDate, x.account, x.region, x.operatorID)
        }
    }
}
