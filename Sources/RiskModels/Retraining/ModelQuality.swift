/// How well a model version ranks held-out rows: what the web app shows over versions.
public struct ModelQuality: Sendable, Equatable, Codable {
    /// Held-out rows measured.
    public var rows: Int
    /// Held-out rows labelled 1.
    public var positives: Int
    /// ROC-AUC on the held-out rows; nil when they hold one class only.
    public var rocAUC: Double?
    /// The `k` of `precisionAtK` (at most `rows`).
    public var k: Int
    /// The share of label-1 rows among the `k` highest scores (an auditor's first page of
    /// work); nil when `k` is 0.
    public var precisionAtK: Double?

    public init(rows: Int, positives: Int, rocAUC: Double?, k: Int, precisionAtK: Double?) {
        self.rows = rows
        self.positives = positives
        self.rocAUC = rocAUC
        self.k = k
        self.precisionAtK = precisionAtK
    }

    /// Measures `scores` against 0/1 `labels` (same order). Ties at the k-th score are broken
    /// by row order, so the figure repeats exactly.
    public static func measure(scores: [Double], labels: [Double], k requested: Int) -> ModelQuality {
        precondition(scores.count == labels.count, "one label per score")
        let k = max(0, min(requested, scores.count))
        let top = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(k)
        let hits = top.filter { labels[$0] > 0.5 }.count
        return ModelQuality(
            rows: scores.count, positives: labels.filter { $0 > 0.5 }.count,
            rocAUC: Metrics.rocAUC(scores: scores, labels: labels), k: k,
            precisionAtK: k > 0 ? Double(hits) / Double(k) : nil)
    }
}
