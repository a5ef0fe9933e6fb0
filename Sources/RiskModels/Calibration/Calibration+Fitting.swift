import Foundation

extension Calibration {
    /// Fits Platt scaling by Newton's method with a backtracking line search on the log-loss
    /// against Platt's smoothed targets (Lin, Lin and Weng, 2007).
    public static func fitPlatt(scores: [Double], labels: [Double]) throws(RiskModelError) -> Calibration {
        try checkInputs(scores, labels)
        let positives = labels.filter { $0 > 0.5 }.count
        let negatives = labels.count - positives
        let high = (Double(positives) + 1) / (Double(positives) + 2)
        let low = 1 / (Double(negatives) + 2)
        let targets = labels.map { $0 > 0.5 ? high : low }
        var a = 0.0
        var b = log((Double(negatives) + 1) / (Double(positives) + 1))
        func objective(_ a: Double, _ b: Double) -> Double {
            var total = 0.0
            for (s, t) in zip(scores, targets) {
                let f = a * s + b
                total += f >= 0 ? t * f + log1p(exp(-f)) : (t - 1) * f + log1p(exp(f))
            }
            return total
        }
        var value = objective(a, b)
        for _ in 0..<100 {
            var h11 = 1e-12
            var h22 = 1e-12
            var h21 = 0.0
            var g1 = 0.0
            var g2 = 0.0
            for (s, t) in zip(scores, targets) {
                let f = a * s + b
                let p = f >= 0 ? exp(-f) / (1 + exp(-f)) : 1 / (1 + exp(f))
                let q = 1 - p
                let d2 = p * q
                h11 += s * s * d2
                h22 += d2
                h21 += s * d2
                let d1 = t - p
                g1 += s * d1
                g2 += d1
            }
            if abs(g1) < 1e-7 && abs(g2) < 1e-7 { break }
            let det = h11 * h22 - h21 * h21
            let da = -(h22 * g1 - h21 * g2) / det
            let db = -(-h21 * g1 + h11 * g2) / det
            let slope = g1 * da + g2 * db
            var step = 1.0
            var moved = false
            while step >= 1e-10 {
                let candidate = objective(a + step * da, b + step * db)
                if candidate < value + 1e-4 * step * slope {
                    a += step * da
                    b += step * db
                    value = candidate
                    moved = true
                    break
                }
                step /= 2
            }
            if !moved { break }
        }
        return .platt(a: a, b: b)
    }

    /// Fits isotonic regression by pool-adjacent-violators over the scores in ascending order.
    public static func fitIsotonic(scores: [Double], labels: [Double]) throws(RiskModelError) -> Calibration {
        try checkInputs(scores, labels)
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        // Blocks of (lowest score, highest score, mean label, weight).
        var blocks: [(low: Double, high: Double, mean: Double, weight: Double)] = []
        var i = 0
        while i < order.count {
            // Equal scores form one point first, so ties never straddle blocks.
            var j = i
            var sum = 0.0
            while j < order.count, scores[order[j]] == scores[order[i]] {
                sum += labels[order[j]]
                j += 1
            }
            let score = scores[order[i]]
            blocks.append((score, score, sum / Double(j - i), Double(j - i)))
            i = j
            while blocks.count >= 2, blocks[blocks.count - 2].mean >= blocks[blocks.count - 1].mean {
                let last = blocks.removeLast()
                let previous = blocks.removeLast()
                let weight = previous.weight + last.weight
                blocks.append(
                    (previous.low, last.high, (previous.mean * previous.weight + last.mean * last.weight) / weight, weight))
            }
        }
        var xs: [Double] = []
        var ys: [Double] = []
        for block in blocks {
            xs.append(block.low)
            ys.append(block.mean)
            if block.high > block.low {
                xs.append(block.high)
                ys.append(block.mean)
            }
        }
        return .isotonic(scores: xs, values: ys)
    }

    private static func checkInputs(_ scores: [Double], _ labels: [Double]) throws(RiskModelError) {
        guard scores.count == labels.count, !scores.isEmpty else {
            throw RiskModelError(.emptyData, "calibration: no held-out rows to fit on")
        }
        guard scores.allSatisfy(\.isFinite) else {
            throw RiskModelError(.badValue, "calibration: a score is not finite")
        }
        try TrainingChecks.labels(labels, rows: labels.count)
    }
}
