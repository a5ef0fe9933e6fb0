/// What a run found: the trained model, the links above the threshold, the entities, and how
/// many pairs each blocking rule made.
public struct LinkageResult: Sendable {
    let linker: Linker
    /// The trained model.
    public let model: FellegiSunterModel
    /// The term-frequency adjustment of each value, per adjusted comparison (kept for explanations).
    let termFrequencies: [[Double]]
    /// The pairs at or above the threshold (global record indices).
    public let links: [ScoredPair]
    /// The entity of each record (global index), numbered from 0.
    public let clusterOf: [Int32]
    /// The number of entities.
    public let clusterCount: Int
    /// Merges the chaining guard refused.
    public let rejectedMerges: Int
    /// Pairs per rule.
    public let blockingReport: [BlockingReport]
    /// All candidate pairs scored.
    public let candidatePairs: Int

    /// The id of record `r` (global index).
    public func id(of r: Int) -> String { linker.store.id(r) }
    /// The number of records of all inputs.
    public var recordCount: Int { linker.recordCount }
    /// The input name of record `r`.
    public func source(of r: Int) -> String { linker.store.sourceName(r) }
    /// The global index of a record by input name and id.
    public func record(source: String, id: String) -> Int? {
        guard let t = linker.store.tables.firstIndex(where: { $0.name == source }),
            let row = linker.store.tables[t].ids.firstIndex(of: id)
        else { return nil }
        return linker.store.offsets[t] + row
    }

    /// The waterfall of one pair (global indices).
    public func explain(_ a: Int, _ b: Int) -> PairExplanation {
        linker.explain(a, b, model: model, tf: termFrequencies)
    }

    /// The golden record of every entity: per column, the value most of its records hold (ties
    /// to the earliest record), with the record it came from.
    public func goldenRecords() -> [GoldenRecord] {
        GoldenRecord.build(store: linker.store, clusterOf: clusterOf, clusterCount: clusterCount)
    }
}

/// How many pairs a rule made.
public struct BlockingReport: Sendable, Hashable {
    public let rule: String
    public let deterministic: Bool
    /// Pairs the rule makes on its own.
    public let pairs: Int
    /// Pairs no earlier rule made.
    public let newPairs: Int
}
