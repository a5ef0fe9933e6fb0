/// Turns a pair into its comparison pattern (the level of every comparison, packed into one
/// integer) and a pattern into its weight.
struct PatternScorer: Sendable {
    let prepared: [PreparedComparison]
    /// The place value of each comparison's level in a pattern code (levels plus null).
    let radix: [UInt32]

    init(prepared: [PreparedComparison]) throws(LinkageError) {
        self.prepared = prepared
        var radix = [UInt32]()
        var place: UInt64 = 1
        for p in prepared {
            radix.append(UInt32(place))
            place *= UInt64(p.comparison.levelCount + 1)
            if place > UInt64(UInt32.max) {
                throw LinkageError(
                    .badConfig, "too many comparisons and levels to combine; use fewer comparisons or levels")
            }
        }
        self.radix = radix
        self.patternSpace = Int(place)
    }

    /// The number of possible pattern codes.
    let patternSpace: Int

    /// The pattern of records `a` and `b`.
    @inline(__always)
    func pattern(_ a: Int, _ b: Int) -> UInt32 {
        var code: UInt32 = 0
        for k in prepared.indices { code &+= UInt32(prepared[k].level(a, b)) &* radix[k] }
        return code
    }

    /// The level of each comparison in a pattern.
    func levels(of pattern: UInt32) -> [UInt8] {
        prepared.indices.map { k in
            UInt8((pattern / radix[k]) % UInt32(prepared[k].comparison.levelCount + 1))
        }
    }

    /// The product of the Bayes factors of a pattern (prior excluded).
    func bayesFactor(pattern: UInt32, model: FellegiSunterModel) -> Double {
        var bf = 1.0
        for (k, level) in levels(of: pattern).enumerated() { bf *= model.bayesFactor(k, level: Int(level)) }
        return bf
    }
}
