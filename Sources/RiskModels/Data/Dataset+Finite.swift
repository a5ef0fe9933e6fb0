extension Dataset {
    /// Throws `.badValue` naming the feature and row of the first infinite value.
    ///
    /// The CSV reader already refuses infinity; this guards tables built in code (the person
    /// features, the web app). Missing values are `NaN` and allowed. Infinity is refused rather
    /// than clamped because no model treats it alike: trees would put it in the last bin,
    /// logistic regression would turn the score into `NaN`.
    public func checkFinite(_ what: String) throws(RiskModelError) {
        for (f, column) in columns.enumerated() {
            guard case .numeric(let values) = column else { continue }
            let row = values.withUnsafeBufferPointer { v -> Int? in
                for r in 0..<v.count where v[r].isInfinite { return r }
                return nil
            }
            if let row {
                throw RiskModelError(
                    .badValue,
                    "\(what): feature '\(names[f])' is \(values[row] > 0 ? "+" : "-")infinity in row \(row + 1); "
                        + "give a finite number, or leave the cell empty for a missing value")
            }
        }
    }
}
