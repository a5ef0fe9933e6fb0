public import FundWatchCore

/// Population baselines of amounts per (kind, region, period): benefit payments by benefit and
/// settlements' fund amounts by visit kind, grouped by county and month and, for groups too small
/// to trust, by city and month, province and month, or the whole population.
///
/// Means and σ come from ``RunningMoments`` (Welford); medians and MADs from the sorted amounts
/// of each group. Coarser groups are built only where some county and month is too small, so a
/// large population costs one pass and one sort per county and month. Built once per batch with
/// the population index; keys are integers so that adding millions of amounts stays cheap.
public struct BaselineTable: Sendable {
    /// Groups with fewer amounts than this defer to the next coarser level.
    public static let minimumCount = 30

    /// (kind, region, period) packed: kind code, six-digit region (0 = all), month index (0 = all).
    struct Key: Hashable, Sendable {
        var kind: UInt8
        var region: Int32
        var period: Int32

        /// One word to hash (a settlement looks its baseline up by key): the synthesized
        /// hash combined the three fields one by one. Equal keys still hash alike.
        func hash(into hasher: inout Hasher) {
            hasher.combine(UInt64(UInt32(bitPattern: region)) << 32 | UInt64(UInt32(bitPattern: period)))
            hasher.combine(kind)
        }

        func coarser(_ level: Int) -> Key {
            switch level {
            case 1: Key(kind: kind, region: region / 100 * 100, period: period)  // city
            case 2: Key(kind: kind, region: region / 10_000 * 10_000, period: period)  // province
            case 3: Key(kind: kind, region: 0, period: 0)  // all
            default: self
            }
        }
    }

    static let levelNames = ["county/month", "city/month", "province/month", "all"]

    /// A small code for each benefit and visit kind (0 for an unknown kind).
    static let kinds: [String: UInt8] = {
        var codes = [String: UInt8]()
        for (i, b) in Benefit.allCases.enumerated() { codes[b.rawValue] = UInt8(1 + i) }
        for (i, v) in VisitKind.allCases.enumerated() { codes[v.rawValue] = UInt8(64 + i) }
        return codes
    }()

    var groups: [Key: Baseline] = [:]
    /// For each county-and-month key that holds amounts, the group that answers for it (with
    /// its level named): one lookup per record instead of one per level tried.
    var resolved = BaselineIndex()

    /// The baseline for an amount of `kind` in `region` (a county code) and `period` (`YYYY-MM`):
    /// the finest group with at least ``minimumCount`` amounts, else the whole population's.
    public func baseline(kind: String, region: String, period: String) -> Baseline {
        guard let month = Period(period) else { return .none }
        return baseline(kind: kind, region: region, month: month.index)
    }

    /// The baseline for a month given as its ``Period/index`` (the native evaluator's months):
    /// the same group as the text form, without formatting the month and parsing it again.
    func baseline(kind: String, region: String, month: Int) -> Baseline {
        guard let code = Self.kinds[kind] else { return .none }
        return baseline(code: code, region: Int32(region) ?? 0, month: month)
    }

    /// The baseline for a kind given as its code (``kinds``) and a region already parsed (0 when
    /// its text is not a number): the column kernels' form, without a string lookup per record.
    func baseline(code: UInt8, region: Int32, month: Int) -> Baseline {
        let key = Key(kind: code, region: region, period: Int32(truncatingIfNeeded: month))
        if let b = resolved.find(key) { return b }
        return search(key)
    }

    /// The finest group with enough amounts for a key, trying each level in turn.
    func search(_ key: Key) -> Baseline {
        for level in 0..<4 {
            if var b = groups[key.coarser(level)], b.count >= Self.minimumCount || level == 3 {
                b.level = Self.levelNames[level]
                return b
            }
        }
        return .none
    }

    /// Collects amounts and builds the table.
    public struct Builder: Sendable {
        private var amounts: [Key: [Double]] = [:]

        public init() {}

        /// Adds one amount (fen) of `kind` in a county and month.
        public mutating func add(kind: String, county: String, period: Period, fen: Int64) {
            guard let code = BaselineTable.kinds[kind] else { return }
            add(Key(kind: code, region: Int32(county) ?? 0, period: Int32(period.index)), fen)
        }

        private mutating func add(_ key: Key, _ fen: Int64) {
            amounts[key, default: []].append(Double(fen))
        }

        /// Adds a person's positive payments and settlements' fund amounts.
        public mutating func add(_ t: PersonTimeline) {
            let home = Int32(t.person?.regionCode ?? String(t.idNumber.value.prefix(6))) ?? 0
            for p in t.payments where p.amount.fen > 0 {
                let region = p.regionCode.flatMap { Int32($0) } ?? home
                add(Key(kind: BaselineTable.kinds[p.benefit.rawValue] ?? 0, region: region, period: Int32(p.period.index)), p.amount.fen)
            }
            for s in t.settlements where s.fundAmount.fen > 0 {
                let region = s.regionCode.flatMap { Int32($0) } ?? home
                add(
                    Key(kind: BaselineTable.kinds[s.visit.rawValue] ?? 0, region: region, period: Int32(s.admissionDate.period.index)),
                    s.fundAmount.fen)
            }
        }

        /// Adds another builder's amounts (for building in parallel).
        public mutating func merge(_ other: Builder) {
            for (key, values) in other.amounts { amounts[key, default: []] += values }
        }

        /// Computes the county-and-month groups, and the coarser groups that a small one needs.
        public func build() -> BaselineTable {
            var table = BaselineTable()
            var needed = Set<Key>()
            for (key, values) in amounts {
                table.groups[key] = Self.baseline(values)
                if values.count < BaselineTable.minimumCount {
                    for level in 1...3 { needed.insert(key.coarser(level)) }
                }
            }
            if !needed.isEmpty {
                var coarse = [Key: [Double]]()
                for (key, values) in amounts {
                    for level in 1...3 where needed.contains(key.coarser(level)) {
                        coarse[key.coarser(level), default: []] += values
                    }
                }
                for (key, values) in coarse { table.groups[key] = Self.baseline(values) }
            }
            var resolved = [Key: Baseline]()
            for key in amounts.keys { resolved[key] = table.search(key) }
            table.resolved = BaselineIndex(resolved)
            return table
        }

        static func baseline(_ values: [Double]) -> Baseline {
            var moments = RunningMoments()
            for v in values { moments.add(v) }
            let spread = RobustSpread(values)
            return Baseline(count: values.count, mean: moments.mean, sigma: moments.sigma, median: spread.median, mad: spread.mad, level: "")
        }
    }
}
