public import FundWatchCore

/// Facts about the whole population that single-person rules need: who is paid into each bank
/// account and who holds it, and which households the benefit operators belong to.
///
/// Built once per batch in a first pass over all timelines (``Builder``), then shared read-only
/// by every evaluation, so rules stay pure functions of (timeline, index).
public struct PopulationIndex: Sendable {
    /// Households paid into each account (payees), and the holder's household.
    struct AccountUse: Sendable {
        var payeeHouseholds: Set<String> = []
        var holderHouseholds: Set<String> = []
        /// `payeeHouseholds ∪ holderHouseholds` counted once, when the index is built: rules ask
        /// for it once per payment account, and the union cost a set per question.
        var households = 0
    }

    var accounts: [String: AccountUse] = [:]
    /// Households of the persons each operator (staff id) is believed to be.
    var operatorHouseholds: [String: Set<String>] = [:]
    /// Persons with a registered death, per household.
    var deathsByHousehold: [String: Int] = [:]
    /// Amount baselines per (benefit or visit kind, region, period).
    public internal(set) var baselines = BaselineTable()

    /// An index that knows nothing: cross-person rules never fire with it.
    public static let empty = PopulationIndex()

    /// The household key of a person: the registered address, else the ID number.
    func household(of timeline: PersonTimeline) -> String {
        if let address = timeline.person?.address, !address.isEmpty { return address }
        return timeline.idNumber.value
    }

    /// Distinct households among the payees and holders of an account.
    public func households(usingAccount account: String) -> Int { accounts[account]?.households ?? 0 }

    /// Whether the account is held by someone of this household (or by nobody known).
    public func isHeld(_ account: String, byHousehold household: String) -> Bool {
        guard let use = accounts[account], !use.holderHouseholds.isEmpty else { return true }
        // Mostly one holder household: a comparison (equal bytes answer at once) instead of
        // hashing the household's address.
        if use.holderHouseholds.count == 1 {
            // Equal bytes are equal strings; only other bytes need Unicode's comparison.
            let holder = use.holderHouseholds.first!
            return RulePlan.sameBytes(holder, household) || holder == household
        }
        return use.holderHouseholds.contains(household)
    }

    /// How many persons of the household have a registered death.
    public func deaths(inHousehold household: String) -> Int { deathsByHousehold[household] ?? 0 }

    /// Whether the operator belongs to this household.
    public func isOperator(_ staffID: String, ofHousehold household: String) -> Bool {
        operatorHouseholds[staffID]?.contains(household) ?? false
    }
}

extension PopulationIndex {
    /// Accumulates the index from timelines (any order) and the staff list.
    public struct Builder: Sendable {
        private var index = PopulationIndex()
        /// Households of persons employed by a social-security bureau, by name and county.
        private var bureauStaff: [String: Set<String>] = [:]
        private var staff: [Staff] = []
        private var baselines = BaselineTable.Builder()

        /// An empty builder.
        public init() {}

        /// Adds what one person contributes to the index.
        public mutating func add(_ timeline: PersonTimeline) {
            let household = index.household(of: timeline)
            if !timeline.deaths.isEmpty { index.deathsByHousehold[household, default: 0] += 1 }
            baselines.add(timeline)
            for account in timeline.bankAccounts {
                index.accounts[account.account, default: AccountUse()].holderHouseholds.insert(household)
            }
            for payment in timeline.payments where payment.amount.fen > 0 {
                guard let account = payment.bankAccount, !account.isEmpty else { continue }
                index.accounts[account, default: AccountUse()].payeeHouseholds.insert(household)
            }
            if let name = timeline.person?.name {
                // A bureau is the employer `E<county code>0000`; its staff rows name the county.
                for employer in Set(timeline.employment.map(\.employerID)) where Self.isBureau(employer) {
                    let county = String(employer.dropFirst().prefix(6))
                    bureauStaff[name + "|" + county, default: []].insert(household)
                }
            }
        }

        /// Links operators to persons by name and county, through the bureau's employment records.
        public mutating func add(staff: [Staff]) { self.staff += staff }

        /// The finished index; staff are linked now, when every timeline has been added.
        public func build() -> PopulationIndex {
            var index = index
            index.baselines = baselines.build()
            index.accounts = index.accounts.mapValues { use in
                var use = use
                use.households = use.payeeHouseholds.union(use.holderHouseholds).count
                return use
            }
            for member in staff {
                if let households = bureauStaff[member.name + "|" + member.regionCode] {
                    index.operatorHouseholds[member.staffID, default: []].formUnion(households)
                }
            }
            return index
        }

        static func isBureau(_ employer: String) -> Bool {
            employer.count == 11 && employer.hasPrefix("E") && employer.hasSuffix("0000")
        }
    }
}
