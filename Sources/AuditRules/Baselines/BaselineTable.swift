public import FundWatchCore

/// Population baselines of amounts per (kind, region, period): benefit payments by benefit and
/// settlements' fund amounts by visit kind, grouped by county and month and, for groups too small
/// to trust, by city and month, province and month, or the whole population.
///
/// Means and σ come from ``RunningMoments`` (Welford, merged exactly up the levels); medians and
/// MADs from the sorted amounts of each group. Built once per batch with the population index.
public struct BaselineTable: Sendable {
    /// Groups with fewer amounts than this defer to the next coarser level.
    public static let minimumCount = 30

    struct Key: Hashable, Sendable {
        var kind: String
        /// A county, city or province code, or "" for all regions.
        var region: String
        /// `YYYY-MM`, or "" for all periods.
        var period: String
    }

    var groups: [Key: Baseline] = [:]

    /// The baseline for an amount of `kind` in `region` (a county code) and `period` (`YYYY-MM`).
    public func baseline(kind: String, region: String, period: String) -> Baseline {
        let city = region.count == 6 ? String(region.prefix(4)) + "00" : region
        let province = region.count == 6 ? String(region.prefix(2)) + "0000" : region
        let levels: [(Key, String)] = [
            (Key(kind: kind, region: region, period: period), "county/month"),
            (Key(kind: kind, region: city, period: period), "city/month"),
            (Key(kind: kind, region: province, period: period), "province/month"),
            (Key(kind: kind, region: "", period: ""), "all"),
        ]
        for (key, level) in levels {
            if var b = groups[key], b.count >= Self.minimumCount || level == "all" {
                b.level = level
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
        public mutating func add(kind: String, county: String, period: String, fen: Int64) {
            amounts[Key(kind: kind, region: county, period: period), default: []].append(Double(fen))
        }

        /// Adds a person's positive payments and settlements' fund amounts.
        public mutating func add(_ t: PersonTimeline) {
            let home = t.person?.regionCode ?? String(t.idNumber.value.prefix(6))
            for p in t.payments where p.amount.fen > 0 {
                add(kind: p.benefit.rawValue, county: p.regionCode ?? home, period: p.period.description, fen: p.amount.fen)
            }
            for s in t.settlements where s.fundAmount.fen > 0 {
                add(kind: s.visit.rawValue, county: s.regionCode ?? home, period: s.admissionDate.period.description, fen: s.fundAmount.fen)
            }
        }

        /// Adds another builder's amounts (for building in parallel).
        public mutating func merge(_ other: Builder) {
            for (key, values) in other.amounts { amounts[key, default: []] += values }
        }

        /// Computes every group at every level.
        public func build() -> BaselineTable {
            var byLevel = [Key: [Double]]()
            for (key, values) in amounts {
                let region = key.region
                let keys = [
                    key,
                    Key(kind: key.kind, region: region.count == 6 ? String(region.prefix(4)) + "00" : region, period: key.period),
                    Key(kind: key.kind, region: region.count == 6 ? String(region.prefix(2)) + "0000" : region, period: key.period),
                    Key(kind: key.kind, region: "", period: ""),
                ]
                for k in Set(keys) { byLevel[k, default: []] += values }
            }
            var table = BaselineTable()
            for (key, values) in byLevel {
                var moments = RunningMoments()
                for v in values { moments.add(v) }
                let spread = RobustSpread(values)
                table.groups[key] = Baseline(
                    count: values.count, mean: moments.mean, sigma: moments.sigma, median: spread.median, mad: spread.mad,
                    level: "")
            }
            return table
        }
    }
}
