import Foundation

/// Model quality measures.
public enum Metrics {
    /// The area under the ROC curve of `scores` against 0/1 `labels` (ties count half), or
    /// `nil` when the labels hold one class only.
    public static func rocAUC(scores: [Double], labels: [Double]) -> Double? {
        precondition(scores.count == labels.count, "one label per score")
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positives = 0.0
        var rankSum = 0.0
        var i = 0
        // Average ranks over runs of tied scores.
        while i < order.count {
            var j = i
            while j + 1 < order.count, scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let averageRank = Double(i + j + 2) / 2
            for k in i...j where labels[order[k]] > 0.5 {
                positives += 1
                rankSum += averageRank
            }
            i = j + 1
        }
        let negatives = Double(scores.count) - positives
        guard positives > 0, negatives > 0 else { return nil }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// The mean binary log-loss of probabilities against 0/1 labels (probabilities clipped
    /// to [1e-15, 1 - 1e-15]).
    public static func logLoss(probabilities: [Double], labels: [Double]) -> Double {
        precondition(probabilities.count == labels.count, "one label per probability")
        guard !labels.isEmpty else { return 0 }
        var total = 0.0
        for (p, y) in zip(probabilities, labels) {
            let q = min(max(p, 1e-15), 1 - 1e-15)
            total -= y > 0.5 ? log(q) : log(1 - q)
        }
        return total / Double(labels.count)
    }

    /// The logistic function, 1 / (1 + e^-x).
    @inline(__always)
    public static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
