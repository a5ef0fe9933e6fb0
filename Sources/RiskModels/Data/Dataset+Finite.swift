import Dispatch

extension Dataset {
    /// Throws `.badValue` naming the feature and row of the first infinite value.
    ///
    /// The CSV reader already refuses infinity; this guards tables built in code (the person
    /// features, the web app). Missing values are `NaN` and allowed. Infinity is refused rather
    /// than clamped because no model treats it alike: trees would put it in the last bin,
    /// logistic regression would turn the score into `NaN`.
    public func checkFinite(_ what: String) throws(RiskModelError) {
        // Each column's first infinite row, columns on both cores; the first column with one is
        // reported, as a scan column after column would.
        var firsts = [Int](repeating: -1, count: columns.count)
        firsts.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            let columns = self.columns
            DispatchQueue.concurrentPerform(iterations: columns.count) { f in
                guard case .numeric(let values) = columns[f] else { return }
                out.pointer[f] = values.withUnsafeBufferPointer { v -> Int in
                    for r in 0..<v.count where v[r].isInfinite { return r }
                    return -1
                }
            }
        }
        for (f, column) in columns.enumerated() {
            guard case .numeric(let values) = column, firsts[f] >= 0 else { continue }
            let row = firsts[f]
            throw RiskModelError(
                .badValue,
                "\(what): feature '\(names[f])' is \(values[row] > 0 ? "+" : "-")infinity in row \(row + 1); "
                    + "give a finite number, or leave the cell empty for a missing value")
        }
    }
}
