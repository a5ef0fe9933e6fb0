/// How one feature's values map to the small integer bins that the trees split on
/// (LightGBM's histogram method): bin 0 holds missing values, bins 1… hold values.
///
/// A numeric feature's bins are quantiles of its values (one bin per distinct value when there
/// are few); a categorical feature's bins are its most frequent levels, and levels beyond the
/// bin budget share bin 0 with missing values.
public struct FeatureBins: Codable, Sendable, Equatable {
    /// Numeric: bin `b ≥ 1` holds the values `v` with `upperBounds[b - 2] < v ≤ upperBounds[b - 1]`
    /// (open at both ends). Empty for a categorical feature.
    public var upperBounds: [Double]
    /// Categorical: the bin of each level code (0 for the rare levels that did not get one).
    public var levelBins: [UInt8]?
    /// The number of bins, bin 0 included.
    public var binCount: Int

    /// Whether the feature is categorical.
    public var isCategorical: Bool { levelBins != nil }

    /// The bin of a numeric value (`NaN` → 0).
    @inline(__always)
    public func bin(_ value: Double) -> UInt8 {
        if value.isNaN { return 0 }
        // First bound not below the value: a binary search over at most 254 bounds.
        var low = 0
        var high = upperBounds.count
        upperBounds.withUnsafeBufferPointer { bounds in
            while low < high {
                let mid = (low + high) >> 1
                if bounds[mid] < value { low = mid + 1 } else { high = mid }
            }
        }
        return UInt8(low + 1)
    }

    /// The bin of a categorical code (`-1`, missing or unseen → 0).
    @inline(__always)
    public func bin(code: Int32) -> UInt8 {
        guard let levelBins, code >= 0, Int(code) < levelBins.count else { return 0 }
        return levelBins[Int(code)]
    }

    /// Bins for a numeric column from a sample of its values.
    ///
    /// With at most `maxBins - 1` distinct values each gets its own bin (bounds at midpoints);
    /// otherwise the bounds cut the sorted values into bins of nearly equal counts, never
    /// splitting one distinct value across bins.
    public static func numeric(sample: [Double], maxBins: Int) -> FeatureBins {
        let values = sample.filter { !$0.isNaN }.sorted()
        var distinct: [Double] = []
        var counts: [Int] = []
        for v in values {
            if let last = distinct.last, last == v {
                counts[counts.count - 1] += 1
            } else {
                distinct.append(v)
                counts.append(1)
            }
        }
        let valueBins = maxBins - 1
        var bounds: [Double] = []
        if distinct.count <= valueBins {
            for i in 0..<max(0, distinct.count - 1) { bounds.append(midpoint(distinct[i], distinct[i + 1])) }
        } else {
            var remaining = values.count
            var binsLeft = valueBins
            var inBin = 0
            for i in 0..<(distinct.count - 1) {
                inBin += counts[i]
                // Close the bin once it holds its share of what is left, so a heavy value
                // does not starve the bins after it.
                let target = Double(remaining) / Double(binsLeft)
                if Double(inBin) >= target || distinct.count - 1 - i <= binsLeft - 1 {
                    bounds.append(midpoint(distinct[i], distinct[i + 1]))
                    remaining -= inBin
                    inBin = 0
                    binsLeft -= 1
                    if binsLeft == 1 { break }
                }
            }
        }
        return FeatureBins(upperBounds: bounds, levelBins: nil, binCount: bounds.count + 2)
    }

    /// Bins for a categorical column: the `maxBins - 1` most frequent levels get bins 1…, in
    /// order of frequency (ties by code); the rest share bin 0.
    public static func categorical(codes: [Int32], levelCount: Int, maxBins: Int) -> FeatureBins {
        var frequency = [Int](repeating: 0, count: levelCount)
        for code in codes where code >= 0 { frequency[Int(code)] += 1 }
        let order = (0..<levelCount).filter { frequency[$0] > 0 }.sorted {
            frequency[$0] != frequency[$1] ? frequency[$0] > frequency[$1] : $0 < $1
        }
        var levelBins = [UInt8](repeating: 0, count: levelCount)
        let kept = order.prefix(maxBins - 1)
        for (index, code) in kept.enumerated() { levelBins[code] = UInt8(index + 1) }
        return FeatureBins(upperBounds: [], levelBins: levelBins, binCount: kept.count + 1)
    }

    private static func midpoint(_ a: Double, _ b: Double) -> Double {
        let m = a + (b - a) / 2
        // Keep a < m ≤ b even when a and b are adjacent doubles.
        return m <= a ? b : m
    }
}
