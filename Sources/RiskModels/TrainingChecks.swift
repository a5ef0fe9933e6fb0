/// Checks and splits shared by the trainers.
enum TrainingChecks {
    /// Throws unless there are rows, one 0/1 label per row, and both classes.
    static func labels(_ labels: [Double], rows: Int) throws(RiskModelError) {
        guard rows > 0 else { throw RiskModelError(.emptyData, "training: no rows to train on") }
        guard labels.count == rows else {
            throw RiskModelError(.badLabel, "training: \(labels.count) labels for \(rows) rows")
        }
        let positives = labels.filter { $0 > 0.5 }.count
        guard positives > 0, positives < rows else {
            throw RiskModelError(
                .oneClass,
                "training: every label is \(positives > 0 ? 1 : 0) (\(rows) rows); a supervised model needs both "
                    + "classes — add rows of the other class, or use --model iforest, which needs no labels")
        }
    }

    /// A seeded shuffle of the rows into training and held-out parts; no held-out part when the
    /// fraction is 0 or would leave fewer than 50 rows.
    static func split(rowCount: Int, fraction: Double, generator: inout SeededGenerator) -> (train: [Int], valid: [Int]) {
        let validCount = Int((Double(rowCount) * fraction).rounded())
        guard fraction > 0, validCount >= 50, rowCount - validCount >= 50 else { return (Array(0..<rowCount), []) }
        var order = Array(0..<rowCount)
        order.shuffle(using: &generator)
        // Both lists in row order: the held-out rows marked, then one pass (a sort of a million
        // row numbers took a tenth of a second, on one core, before every training).
        var heldOut = [Bool](repeating: false, count: rowCount)
        for row in order[..<validCount] { heldOut[row] = true }
        var train: [Int] = []
        var valid: [Int] = []
        train.reserveCapacity(rowCount - validCount)
        valid.reserveCapacity(validCount)
        for row in 0..<rowCount {
            if heldOut[row] { valid.append(row) } else { train.append(row) }
        }
        return (train, valid)
    }

    /// `count` distinct row numbers from `0..<rowCount`, sorted.
    static func sample(_ rowCount: Int, _ count: Int, generator: inout SeededGenerator) -> [Int] {
        var order = Array(0..<rowCount)
        for i in 0..<min(count, rowCount) {
            let j = i + Int(generator.next() % UInt64(rowCount - i))
            order.swapAt(i, j)
        }
        return order.prefix(count).sorted()
    }

    /// The features with at least two non-empty bins in the training rows.
    static func usableFeatures(_ matrix: BinnedMatrix, mappers: [FeatureBins]) -> [Int] {
        let n = matrix.rowCount
        return (0..<matrix.featureCount).filter { f in
            guard mappers[f].binCount >= 2 else { return false }
            return matrix.bins.withUnsafeBufferPointer { bins in
                let column = bins.baseAddress! + f * n
                let first = column[0]
                for r in 1..<n where column[r] != first { return true }
                return false
            }
        }
    }
}
