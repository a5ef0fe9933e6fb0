import Foundation

extension Dataset {
    /// The value of a cell as a reason shows it to people: rounded, so a reason reads
    /// `employee_pension_years=26.9`, not `26.916666666666668` ("" when missing).
    ///
    /// Whole numbers stay whole; other values keep one decimal from 1 up, and three significant
    /// digits below 1 (a share of 0.0123 would otherwise read 0.0). Categorical levels are shown
    /// as they are.
    public func reasonValue(row: Int, feature: Int) -> String {
        guard case .numeric(let values) = columns[feature] else { return displayValue(row: row, feature: feature) }
        return Self.rounded(values[row])
    }

    /// `value` rounded for reading (see `reasonValue`).
    public static func rounded(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        if abs(value) >= 1 { return String(format: "%.1f", value) }
        return String(format: "%.3g", value)
    }
}
