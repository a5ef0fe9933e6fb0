/// Robust z-scores within peer groups: `0.6745 · (x − median) / MAD`, where MAD is the median
/// absolute deviation from the group's median (Iglewicz and Hoaglin's modified z-score; above
/// 3.5 is the usual outlier mark).
///
/// When more than half a group shares one value the MAD is 0; the mean absolute deviation
/// times 1.2533 (its ratio to the standard deviation under normality) stands in, and when that
/// is 0 too every member's score is 0. Missing values (`NaN`) score `NaN` and do not count
/// towards their group's median.
public enum RobustZScore {
    /// The scores of `values`, each measured against the rows with the same `groups` entry.
    public static func scores<Group: Hashable>(_ values: [Double], groups: [Group]) -> [Double] {
        precondition(values.count == groups.count, "one group per value")
        var members: [Group: [Int]] = [:]
        for (index, group) in groups.enumerated() { members[group, default: []].append(index) }
        var out = [Double](repeating: .nan, count: values.count)
        for rows in members.values {
            let present = rows.filter { !values[$0].isNaN }
            guard !present.isEmpty else { continue }
            let median = Self.median(present.map { values[$0] })
            let deviations = present.map { abs(values[$0] - median) }
            let mad = Self.median(deviations)
            let scale: Double
            if mad > 0 {
                scale = mad / 0.6745
            } else {
                scale = deviations.reduce(0, +) / Double(deviations.count) * 1.2533
            }
            for r in present { out[r] = scale > 0 ? (values[r] - median) / scale : 0 }
        }
        return out
    }

    /// The median of non-empty values.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
