import Dispatch
public import FundWatchCore
public import RiskModels
import Synchronization

/// Scores persons with a person model: their features from the timelines, the model's columns
/// picked by name, the scores, and reasons for the highest scores (TreeSHAP costs far more than
/// a score, so not for everyone). `fundwatch model score-persons` and `model retrain` store what
/// it returns.
public struct PersonScorer: Sendable {
    public let model: RiskModel
    /// Reasons kept per explained person.
    public var reasons: Int
    /// How many of the highest scores get reasons.
    public var explainTop: Int

    public init(model: RiskModel, reasons: Int = 3, explainTop: Int = 2_000) {
        self.model = model
        self.reasons = reasons
        self.explainTop = explainTop
    }

    /// One person's result, in the order of the timelines given.
    public struct Scored: Sendable, Equatable {
        public var score: Double
        /// Empty for persons outside the explained top.
        public var reasons: [Reason]
    }

    /// Scores every timeline (features computed with `extractor`, whose population context
    /// should be all persons). Throws when the model reads a feature persons do not have.
    public func score(_ timelines: [PersonTimeline], extractor: PersonFeatureExtractor) throws(RiskModelError)
        -> [Scored]
    {
        let data = try Self.columns(model.schema.names, of: extractor.parallelDataset(for: timelines))
        let scores = try model.scores(data)
        let ranked = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let explained = Array(ranked.prefix(explainTop))
        let subset = data.rows(explained)
        var why = [[Reason]](repeating: [], count: explained.count)
        var failure: RiskModelError?
        if reasons > 0 {
            let block = 256
            let blocks = (explained.count + block - 1) / block
            let results = ScorerResults(count: blocks)
            let model = self.model
            let limit = reasons
            DispatchQueue.concurrentPerform(iterations: blocks) { k in
                let rows = (k * block)..<min(explained.count, (k + 1) * block)
                results.set(
                    k,
                    Result { () throws(RiskModelError) in
                        var lists: [[Reason]] = []
                        for row in rows { lists.append(try model.reasons(subset, row: row, limit: limit)) }
                        return lists
                    })
            }
            for (k, result) in results.collect().enumerated() {
                switch result {
                case .success(let lists): for (j, list) in lists.enumerated() { why[k * block + j] = list }
                case .failure(let error): failure = error
                }
            }
        }
        if let failure { throw failure }
        var out = scores.map { Scored(score: $0, reasons: []) }
        for (k, row) in explained.enumerated() { out[row].reasons = why[k] }
        return out
    }

    /// The model's columns, in its order, from the person feature table.
    public static func columns(_ names: [String], of data: Dataset) throws(RiskModelError) -> Dataset {
        var picked = [Dataset.Column]()
        for name in names {
            guard let index = data.names.firstIndex(of: name) else {
                throw RiskModelError(
                    .missingColumn,
                    "the model reads the feature '\(name)', which person features do not have; train it on the output "
                        + "of `fundwatch model features` (see `fundwatch model features --list`)")
            }
            picked.append(data.columns[index])
        }
        return try Dataset(names: names, columns: picked)
    }
}

/// Per-block results of the parallel reasons.
private final class ScorerResults: Sendable {
    private let blocks: Mutex<[Result<[[Reason]], RiskModelError>]>

    init(count: Int) { blocks = Mutex(Array(repeating: .success([]), count: count)) }

    func set(_ k: Int, _ value: Result<[[Reason]], RiskModelError>) { blocks.withLock { $0[k] = value } }

    func collect() -> [Result<[[Reason]], RiskModelError>] { blocks.withLock { $0 } }
}
