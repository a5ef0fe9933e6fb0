import AuditRules
public import FundWatchCore
public import Storage

/// The cockpit computed from the findings table on each request (grouped SQL over the scope).
public struct DatabaseCockpitSource: CockpitDataSource {
    let database: FundWatchDatabase
    let regions: RegionCatalog
    /// Each rule's category and title (the findings table keeps only the rule id).
    let ruleInfo: [String: (category: String, title: String)]

    public init(database: FundWatchDatabase, regions: RegionCatalog = .shared, rules: RuleLibrary? = nil) {
        self.database = database
        self.regions = regions
        var info = [String: (category: String, title: String)]()
        for rule in rules?.rules ?? [] { info[rule.spec.id] = (rule.spec.category, rule.spec.title) }
        self.ruleInfo = info
    }

    public func cockpit(for scope: RegionScope) async throws -> CockpitData {
        let severities = try await database.findingTallies(in: scope, by: .severity)
        let periods = try await database.findingTallies(in: scope, by: .period)
        let rules = try await database.findingTallies(in: scope, by: .rule)
        let region = regions.region(scope.code)
        // Children: provinces under the nation, cities under a province, counties under a city.
        let childRegions = scope.isNation ? regions.children(of: nil) : regions.children(of: scope.code)
        let childLength = scope.isNation ? 2 : scope.prefix.count + 2
        var children = [CockpitData.ChildRegion]()
        if !childRegions.isEmpty && childLength <= 6 {
            let byChild = Dictionary(
                try await database.findingTallies(in: scope, by: .childPrefix(length: childLength)).map { ($0.key, $0) },
                uniquingKeysWith: { a, _ in a })
            let redByChild = try await redCounts(scope: scope, childLength: childLength)
            for child in childRegions {
                let key = String(child.code.prefix(childLength))
                let t = byChild[key]
                children.append(
                    CockpitData.ChildRegion(
                        code: child.code, name: child.name, findings: t?.findings ?? 0,
                        amountAtRisk: t?.amountAtRisk ?? 0, red: redByChild[key] ?? 0))
            }
            children.sort { ($0.amountAtRisk, $1.code) > ($1.amountAtRisk, $0.code) }
        }
        let severityOrder = ["red": 0, "orange": 1, "yellow": 2]
        return CockpitData(
            regionCode: scope.code, regionName: region?.name ?? "全国",
            totalFindings: severities.reduce(0) { $0 + $1.findings },
            totalAmountAtRisk: severities.reduce(0) { $0 + $1.amountAtRisk },
            bySeverity: severities.sorted { (severityOrder[$0.key] ?? 9) < (severityOrder[$1.key] ?? 9) }.map {
                .init(key: $0.key, label: Labels.severity($0.key), findings: $0.findings, amountAtRisk: $0.amountAtRisk)
            },
            byCategory: categories(rules),
            byPeriod: periods.sorted { $0.key < $1.key }.map {
                .init(key: $0.key, label: $0.key, findings: $0.findings, amountAtRisk: $0.amountAtRisk)
            },
            topRules: Array(rules.prefix(10)).map {
                .init(key: $0.key, label: ruleInfo[$0.key]?.title ?? $0.key, findings: $0.findings, amountAtRisk: $0.amountAtRisk)
            },
            children: children)
    }

    /// Rule tallies summed by the rules' categories (冒领待遇, 重复参保 …), largest amount first.
    private func categories(_ rules: [FindingTally]) -> [CockpitData.Tally] {
        var sums = [String: (Int, Int64)]()
        for t in rules {
            let category = ruleInfo[t.key]?.category ?? "其他"
            let s = sums[category] ?? (0, 0)
            sums[category] = (s.0 + t.findings, s.1 + t.amountAtRisk)
        }
        return sums.map { .init(key: $0.key, label: $0.key, findings: $0.value.0, amountAtRisk: $0.value.1) }
            .sorted { ($0.amountAtRisk, $1.key) > ($1.amountAtRisk, $0.key) }
    }

    private func redCounts(scope: RegionScope, childLength: Int) async throws -> [String: Int] {
        let reds = try await database.findingTallies(in: scope, by: .childPrefix(length: childLength), severity: "red")
        return Dictionary(reds.map { ($0.key, $0.findings) }, uniquingKeysWith: +)
    }
}
