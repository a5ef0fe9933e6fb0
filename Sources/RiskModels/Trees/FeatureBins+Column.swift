extension FeatureBins {
    /// Bins a whole numeric column: the bins `bin(_:)` gives, found by a branch-free search.
    ///
    /// A branching binary search over 254 bounds mispredicts about half of its eight branches
    /// on every value; here the bounds are padded with `+∞` to 256 entries and each of the eight
    /// halving steps is an add of 0 or the half, so values pipeline one after another.
    func binColumn(_ values: UnsafeBufferPointer<Double>, into out: UnsafeMutablePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 256) { padded in
            let table = padded.baseAddress!
            for i in 0..<256 { table[i] = i < upperBounds.count ? upperBounds[i] : .infinity }
            for r in 0..<values.count {
                let value = values[r]
                // Count of bounds below the value: first bound not below it.
                var base = 0
                var half = 128
                while half > 0 {
                    base &+= table[base &+ half &- 1] < value ? half : 0
                    half &>>= 1
                }
                // base ≤ upperBounds.count, as the padding is never below a value (NaN aside).
                out[r] = value.isNaN ? 0 : UInt8(truncatingIfNeeded: base &+ 1)
            }
        }
    }
}
