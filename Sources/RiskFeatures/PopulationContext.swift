public import FundWatchCore

/// What the person features need to know about everyone else: who is paid into which account,
/// who holds it, who lives where, which households registered a death, how large an employer is
/// and how many of its insured staff the tax bureau knows, which operator paid whom, and the
/// usual amounts of each benefit and visit kind.
///
/// Built once from every timeline, then read (never changed) while features are computed in
/// parallel.
public struct PopulationContext: Sendable {
    /// The last month with any benefit payment or contribution: "now" for features about the past.
    public let dataEnd: Period
    /// The months the tax bureau's employment records cover, to judge contributions without income.
    let employmentSpan: ClosedRange<Int>?
    /// Account → the distinct persons paid into it (positive amounts).
    let accountPayees: [String: Set<IDNumber>]
    /// Account → its registered holder.
    let accountHolder: [String: IDNumber]
    /// Person → registered address.
    let address: [IDNumber: String]
    /// Addresses where someone has a registered death.
    let addressesWithDeath: Set<String>
    /// Employer → the distinct persons it enrolled or contributed for.
    let employerInsured: [String: Int]
    /// Employer → the distinct persons with tax-bureau income from it.
    let employerTaxed: [String: Int]
    /// "operator|address" → the distinct persons at that address that the operator paid.
    let operatorHouseholdPayees: [String: Int]
    /// Per benefit, the usual (log) amount of one payment.
    let paymentBaselines: [Benefit: PeerBaseline]
    /// Per visit kind, the usual (log) fund amount of one settlement.
    let settlementBaselines: [VisitKind: PeerBaseline]
    /// The region catalogue, for distances.
    let catalog: RegionCatalog

    /// Builds the context from every person's timeline.
    public init(timelines: [PersonTimeline], catalog: RegionCatalog = .shared) {
        var dataEnd = Int.min
        var employmentLow = Int.max
        var employmentHigh = Int.min
        var accountPayees = [String: Set<IDNumber>]()
        var accountHolder = [String: IDNumber]()
        var address = [IDNumber: String]()
        var addressesWithDeath = Set<String>()
        var insured = [String: Set<IDNumber>]()
        var taxed = [String: Set<IDNumber>]()
        var operatorPayees = [String: Set<IDNumber>]()
        var paymentAmounts = [Benefit: [Int64]]()
        var settlementAmounts = [VisitKind: [Int64]]()

        for t in timelines {
            let id = t.idNumber
            let home = t.person?.address.flatMap { $0.isEmpty ? nil : $0 }
            if let home {
                address[id] = home
                if !t.deaths.isEmpty { addressesWithDeath.insert(home) }
            }
            for p in t.payments {
                dataEnd = max(dataEnd, p.period.index)
                guard p.amount > .zero else { continue }
                paymentAmounts[p.benefit, default: []].append(p.amount.fen)
                if let account = p.bankAccount, !account.isEmpty { accountPayees[account, default: []].insert(id) }
                if let op = p.operatorID, !op.isEmpty, let home { operatorPayees[op + "|" + home, default: []].insert(id) }
            }
            for c in t.contributions {
                dataEnd = max(dataEnd, c.period.index)
                if let e = c.employerID, !e.isEmpty { insured[e, default: []].insert(id) }
            }
            for e in t.enrollments {
                if let employer = e.employerID, !employer.isEmpty { insured[employer, default: []].insert(id) }
            }
            for e in t.employment {
                employmentLow = min(employmentLow, e.period.index)
                employmentHigh = max(employmentHigh, e.period.index)
                taxed[e.employerID, default: []].insert(id)
            }
            for a in t.bankAccounts { accountHolder[a.account] = id }
            for s in t.settlements { settlementAmounts[s.visit, default: []].append(s.fundAmount.fen) }
        }

        self.dataEnd = dataEnd == Int.min ? Period(year: 2000, month: 1)! : Period(index: dataEnd)
        self.employmentSpan = employmentLow <= employmentHigh ? employmentLow...employmentHigh : nil
        self.accountPayees = accountPayees
        self.accountHolder = accountHolder
        self.address = address
        self.addressesWithDeath = addressesWithDeath
        self.employerInsured = insured.mapValues(\.count)
        self.employerTaxed = taxed.mapValues(\.count)
        self.operatorHouseholdPayees = operatorPayees.mapValues(\.count)
        self.paymentBaselines = paymentAmounts.compactMapValues { PeerBaseline(fen: $0) }
        self.settlementBaselines = settlementAmounts.compactMapValues { PeerBaseline(fen: $0) }
        self.catalog = catalog
    }
}
