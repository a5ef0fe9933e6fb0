import Dispatch

/// A table of features for the models: one column per feature, each numeric (`Double`, `NaN`
/// for a missing value) or categorical (level codes, `-1` for a missing or unknown level).
///
/// Columnar because every model reads one feature at a time over many rows (binning, split
/// search, standardisation).
public struct Dataset: Sendable, Equatable {
    /// One feature's values.
    public enum Column: Sendable, Equatable {
        /// Numbers; `Double.nan` marks a missing value.
        case numeric([Double])
        /// Codes into `levels`; `-1` marks a missing value or a level the model never saw.
        case categorical(codes: [Int32], levels: [String])

        /// The number of rows.
        public var count: Int {
            switch self {
            case .numeric(let values): values.count
            case .categorical(let codes, _): codes.count
            }
        }
    }

    /// The feature names, in column order.
    public let names: [String]
    /// The columns, in the order of `names`.
    public let columns: [Column]
    /// The number of rows (every column has this many).
    public let rowCount: Int

    /// A table from named columns of equal length.
    public init(names: [String], columns: [Column]) throws(RiskModelError) {
        guard names.count == columns.count else {
            throw RiskModelError(.badParameter, "dataset: \(names.count) names for \(columns.count) columns")
        }
        let count = columns.first?.count ?? 0
        for (name, column) in zip(names, columns) where column.count != count {
            throw RiskModelError(
                .badParameter, "dataset: column '\(name)' has \(column.count) rows, the first column \(count)")
        }
        if let duplicate = Self.firstDuplicate(names) {
            throw RiskModelError(.badParameter, "dataset: the feature name '\(duplicate)' appears twice")
        }
        self.names = names
        self.columns = columns
        self.rowCount = count
    }

    /// The schema that scoring data must follow: names, kinds and categorical levels.
    public var schema: FeatureSchema {
        FeatureSchema(
            features: zip(names, columns).map { name, column in
                switch column {
                case .numeric: FeatureSchema.Feature(name: name, levels: nil)
                case .categorical(_, let levels): FeatureSchema.Feature(name: name, levels: levels)
                }
            })
    }

    /// The rows at `indices`, in that order (train/validation splits).
    public func rows(_ indices: [Int]) -> Dataset {
        // One column per task on both cores (a million-row table is copied before training).
        var picked = [Column](repeating: .numeric([]), count: columns.count)
        picked.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            let columns = self.columns
            DispatchQueue.concurrentPerform(iterations: columns.count) { f in
                out.pointer[f] =
                    switch columns[f] {
                    case .numeric(let values): .numeric(indices.map { values[$0] })
                    case .categorical(let codes, let levels):
                        .categorical(codes: indices.map { codes[$0] }, levels: levels)
                    }
            }
        }
        // Same names and lengths as self, so the checks cannot fail.
        return (try? Dataset(names: names, columns: picked)) ?? self
    }

    /// The value of a cell as text, for reasons shown to people ("" when missing).
    public func displayValue(row: Int, feature: Int) -> String {
        switch columns[feature] {
        case .numeric(let values):
            let v = values[row]
            if v.isNaN { return "" }
            return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        case .categorical(let codes, let levels):
            let code = codes[row]
            return code >= 0 ? levels[Int(code)] : ""
        }
    }

    private static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { return name }
        return nil
    }
}
