public import FundWatchCore
import Storage

extension CockpitSnapshot {
    /// Builds a region's snapshot from the in-memory indexes: no database access, work in
    /// proportion to the region's keys and children.
    public static func build(
        regionCode: String, rollups: RiskRollupIndex, freshness: FreshnessIndex, catalog: RegionCatalog,
        ruleTitles: [String: String], configuration: CockpitConfiguration, asOf: CivilDate
    ) throws -> CockpitSnapshot {
        let ref: RegionRef
        let children: [Region]
        if regionCode == RiskRollupIndex.nationCode {
            ref = RegionRef(code: regionCode, name: "全国", level: RegionLevel.nation.rawValue, parentCode: nil)
            children = catalog.children(of: nil)
        } else if let region = catalog.region(regionCode) {
            ref = RegionRef(
                code: region.code, name: region.name, level: region.level.rawValue,
                parentCode: region.parent ?? RiskRollupIndex.nationCode)
            children = region.level == .county ? [] : catalog.children(of: region.code)
        } else {
            throw DashboardError.unknownRegion(regionCode)
        }
        let rollup = rollups.rollup(for: regionCode)
        let policy = configuration.freshness

        let bySeverity = ["red", "orange", "yellow"].map { bucket($0, rollup.measure(.severity, $0)) }
        let byKind = sortedBuckets(rollup.values(.kind))
        let byStatus = sortedBuckets(rollup.values(.status))
        let trend = rollup.values(.period).sorted { $0.key < $1.key }.suffix(configuration.trendMonths)
            .map { bucket($0.key, $0.value) }

        var categories = [String: RollupMeasure]()
        var rules = [RuleRow]()
        for (rule, measure) in rollup.values(.rule) {
            let category = configuration.ruleCategories[rule] ?? "其他"
            categories[category, default: .zero] += measure
            rules.append(
                RuleRow(
                    ruleID: rule, title: ruleTitles[rule] ?? rule, category: category, findings: measure.findings,
                    amountAtRisk: measure.amountAtRisk, red: measure.red))
        }
        let byCategory = categories.map {
            Bucket(
                key: $0.key, label: $0.key, findings: $0.value.findings, amountAtRisk: $0.value.amountAtRisk,
                red: $0.value.red)
        }
        .sorted { ($0.findings, $1.key) > ($1.findings, $0.key) }
        let topRules = Array(
            rules.sorted { ($0.findings, $0.amountAtRisk, $1.ruleID) > ($1.findings, $1.amountAtRisk, $0.ruleID) }
                .prefix(configuration.topRules))

        var childRows = [ChildRow]()
        var accounted = RollupMeasure.zero
        for child in children {
            let measure = rollups.rollup(for: child.code).measure(.total)
            accounted += measure
            let feeds = freshness.freshness(under: child.code, asOf: asOf, policy: policy)
            childRows.append(
                ChildRow(
                    code: child.code, name: child.name, level: child.level.rawValue,
                    longitude: child.hasPoint ? child.longitude : nil, latitude: child.hasPoint ? child.latitude : nil,
                    findings: measure.findings, amountAtRisk: measure.amountAtRisk, red: measure.red,
                    riskScore: riskScore(measure), staleFeeds: feeds.filter(\.isStale).map(\.feed),
                    hasData: measure.findings > 0 || !freshness.deliveringCounties(under: child.code).isEmpty))
        }
        let total = rollup.measure(.total)
        let rest = total - accounted
        return CockpitSnapshot(
            region: ref, version: rollups.version, asOf: asOf.description, totals: totals(total),
            bySeverity: bySeverity, byCategory: byCategory, byKind: byKind, byStatus: byStatus, trend: Array(trend),
            topRules: topRules, children: childRows,
            unattributed: children.isEmpty || rest.isZero ? nil : totals(rest),
            freshness: freshness.freshness(under: regionCode, asOf: asOf, policy: policy))
    }

    static func riskScore(_ m: RollupMeasure) -> Double { Double(m.riskHundredths) / 100 }

    static func totals(_ m: RollupMeasure) -> Totals {
        Totals(findings: m.findings, amountAtRisk: m.amountAtRisk, red: m.red, riskScore: riskScore(m))
    }

    static func bucket(_ key: String, _ m: RollupMeasure) -> Bucket {
        Bucket(key: key, label: label(key), findings: m.findings, amountAtRisk: m.amountAtRisk, red: m.red)
    }

    static func sortedBuckets(_ values: [String: RollupMeasure]) -> [Bucket] {
        values.sorted { $0.key < $1.key }.map { bucket($0.key, $0.value) }
    }

    /// Chinese labels of the stored codes; a month or an unknown code stands for itself.
    static func label(_ key: String) -> String {
        switch key {
        case "red": "红色"
        case "orange": "橙色"
        case "yellow": "黄色"
        case "fraud": "疑点"
        case "data_conflict": "数据冲突待核实"
        case "open": "待处理"
        case "shadow": "试运行"
        case "suppressed": "已豁免"
        case "": "未知"
        default: key
        }
    }
}
