/// Finds the best split of one feature from its gradient/hessian histogram (LightGBM's
/// method): numeric features try every bin bound with missing values on either side;
/// categorical features order their levels by gradient/hessian and try prefixes from both ends.
struct HistogramSplitFinder: Sendable {
    let parameters: GBDTParameters

    /// The histogram of one feature: `h[4b]` gradient sum, `h[4b+1]` hessian sum, `h[4b+2]` rows
    /// (`h[4b+3]` unused: 32-byte entries never straddle a cache line).
    typealias Histogram = UnsafePointer<Double>

    /// Leaf sums.
    struct Totals {
        var gradient: Double
        var hessian: Double
        var count: Int
    }

    @inline(__always)
    func score(_ g: Double, _ h: Double, _ lambda: Double) -> Double { g * g / (h + lambda) }

    @inline(__always)
    private func allowed(_ lc: Int, _ lh: Double, _ rc: Int, _ rh: Double) -> Bool {
        lc >= parameters.minDataInLeaf && rc >= parameters.minDataInLeaf
            && lh >= parameters.minSumHessianInLeaf && rh >= parameters.minSumHessianInLeaf
    }

    /// The best numeric split, or nil when none gains.
    func bestNumeric(feature: Int, histogram h: Histogram, binCount: Int, totals: Totals) -> SplitCandidate? {
        guard binCount >= 3 || (binCount == 2 && h[2] > 0) else { return nil }
        let lambda = parameters.lambdaL2
        let parent = score(totals.gradient, totals.hessian, lambda)
        var best: SplitCandidate?
        func consider(_ t: Int, _ missingLeft: Bool, _ lg: Double, _ lh: Double, _ lc: Int) {
            let rg = totals.gradient - lg
            let rh = totals.hessian - lh
            let rc = totals.count - lc
            guard allowed(lc, lh, rc, rh) else { return }
            let gain = score(lg, lh, lambda) + score(rg, rh, lambda) - parent
            guard gain > 1e-12, gain > (best?.gain ?? 0) else { return }
            best = SplitCandidate(
                feature: feature, gain: gain, threshold: t, missingLeft: missingLeft, leftBins: nil,
                leftGradient: lg, leftHessian: lh, leftCount: lc, rightGradient: rg, rightHessian: rh, rightCount: rc)
        }
        // Missing values right: left holds bins 1...t.
        var lg = 0.0
        var lh = 0.0
        var lc = 0.0
        if binCount >= 3 {
            for t in 1..<(binCount - 1) {
                lg += h[4 * t]
                lh += h[4 * t + 1]
                lc += h[4 * t + 2]
                consider(t, false, lg, lh, Int(lc))
            }
        }
        // Missing values left: left holds bin 0 and bins 1...t (t = 0: missing against the rest).
        if h[2] > 0 {
            lg = h[0]
            lh = h[1]
            lc = h[2]
            for t in 0..<(binCount - 1) {
                if t > 0 {
                    lg += h[4 * t]
                    lh += h[4 * t + 1]
                    lc += h[4 * t + 2]
                }
                consider(t, true, lg, lh, Int(lc))
            }
        }
        return best
    }

    /// The best categorical split, or nil when none gains. Bin 0 (missing, rare and unseen
    /// levels) always goes right.
    func bestCategorical(feature: Int, histogram h: Histogram, binCount: Int, totals: Totals) -> SplitCandidate? {
        let present = (1..<max(1, binCount)).filter { h[4 * $0 + 2] > 0 }
        guard !present.isEmpty else { return nil }
        let lambda = parameters.lambdaL2 + parameters.catL2
        let parent = score(totals.gradient, totals.hessian, lambda)
        var best: SplitCandidate?
        func consider(_ bins: ArraySlice<Int>) {
            var lg = 0.0
            var lh = 0.0
            var lc = 0.0
            for b in bins {
                lg += h[4 * b]
                lh += h[4 * b + 1]
                lc += h[4 * b + 2]
            }
            let rg = totals.gradient - lg
            let rh = totals.hessian - lh
            let rc = totals.count - Int(lc)
            guard allowed(Int(lc), lh, rc, rh) else { return }
            let gain = score(lg, lh, lambda) + score(rg, rh, lambda) - parent
            guard gain > 1e-12, gain > (best?.gain ?? 0) else { return }
            best = SplitCandidate(
                feature: feature, gain: gain, threshold: 0, missingLeft: false, leftBins: bins.sorted(),
                leftGradient: lg, leftHessian: lh, leftCount: Int(lc), rightGradient: rg, rightHessian: rh,
                rightCount: rc)
        }
        if present.count <= parameters.maxCatToOneHot {
            for b in present { consider([b][...]) }
            return best
        }
        let smooth = parameters.catSmooth
        let ordered = present.filter { h[4 * $0 + 2] >= Double(parameters.minDataPerGroup) }
            .sorted { a, b in
                let ka = h[4 * a] / (h[4 * a + 1] + smooth)
                let kb = h[4 * b] / (h[4 * b + 1] + smooth)
                return ka != kb ? ka < kb : a < b
            }
        guard ordered.count >= 2 || (ordered.count == 1 && ordered.count < present.count) else { return nil }
        let limit = min(parameters.maxCatThreshold, max(1, ordered.count - 1))
        // Build the prefix sums incrementally would save work; the bin counts are small.
        for k in 1...limit {
            consider(ordered.prefix(k))
            consider(ordered.suffix(k))
        }
        return best
    }
}
