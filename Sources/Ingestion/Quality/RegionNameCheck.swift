import FundWatchCore

/// Whether a row's region name agrees with its region code: the check a spec asks for with
/// `name_column` on a region field read from codes. A disagreement leaves the row accepted (the
/// code is what is stored); it is counted in the quality report as `region_name_vs_code`.
struct RegionNameCheck: Sendable {
    /// The region field (index in the record type's fields) and the export column naming it.
    let fieldIndex: Int
    let nameColumn: Int
    let resolver: RegionResolver

    /// The report entry this check fills.
    static func emptyReport() -> FileQualityReport.ConsistencyCheck {
        .init(check: "region_name_vs_code", label: "地区名称与地区代码不一致", checked: 0, mismatched: 0, exampleLines: [])
    }

    /// Whether `name` names the region `code` (when it names several, whether `code` is one of
    /// them); nil when either side is empty, so there is nothing to compare.
    func agrees(code: String, name raw: String) -> Bool? {
        var name = raw
        if let h = TextCleaning.halfWidth(name) { name = h }
        if let t = TextCleaning.trimmed(name) { name = t }
        guard !code.isEmpty, !name.isEmpty else { return nil }
        switch resolver.resolve(name) {
        case .success(let resolved): return resolved == code
        case .failure(.ambiguous(let regions)): return regions.contains { $0.code == code }
        case .failure(.unknown): return false
        }
    }
}

extension BoundMapping {
    /// Counts an accepted row's region names against its codes; `name(c)` is the row's raw value in column `c`.
    func checkRegionNames(values: [String], line: Int, name: (Int) -> String, into report: inout FileQualityReport.ConsistencyCheck?) {
        guard !regionNameChecks.isEmpty else { return }
        var tally = report ?? RegionNameCheck.emptyReport()
        for check in regionNameChecks {
            guard let same = check.agrees(code: values[check.fieldIndex], name: name(check.nameColumn)) else { continue }
            tally.checked += 1
            if !same {
                tally.mismatched += 1
                if tally.exampleLines.count < QualityAccumulator.examplesPerGroup { tally.exampleLines.append(line) }
            }
        }
        report = tally
    }
}
