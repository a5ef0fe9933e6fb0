import Dispatch
import Foundation

/// A gradient-boosted tree classifier (binary log-loss) in LightGBM's histogram style.
///
/// The margin of a row is `initialScore` plus the sum of its trees' leaf values; the
/// probability is the logistic function of the margin. Features are binned with the saved
/// `bins` before the trees are walked, so scoring sees values exactly as training did.
public struct GradientBoostedTrees: Sendable {
    /// The features, in the order the trees index them.
    public let schema: FeatureSchema
    /// How each feature's values map to bins.
    public let bins: [FeatureBins]
    /// The log-odds of the training labels, where every row starts.
    public let initialScore: Double
    /// The trees, in boosting order.
    public let trees: [RegressionTree]
    /// The settings it was trained with.
    public let parameters: GBDTParameters
    /// What training saw and reached.
    public let summary: TrainingSummary
    private let compiled: QuantisedTrees
    private let bitvectors: BitvectorTrees

    public init(
        schema: FeatureSchema, bins: [FeatureBins], initialScore: Double, trees: [RegressionTree],
        parameters: GBDTParameters, summary: TrainingSummary
    ) {
        self.schema = schema
        self.bins = bins
        self.initialScore = initialScore
        self.trees = trees
        self.parameters = parameters
        self.summary = summary
        self.compiled = QuantisedTrees(trees, bins: bins)
        self.bitvectors = BitvectorTrees(trees, bins: bins)
    }

    /// How `margins` adds up the trees; both give the same margins.
    public enum Scorer: String, Sendable, CaseIterable {
        /// QuickScorer-style leaf bitvectors (`BitvectorTrees`): the default, the faster one.
        case bitvector
        /// Eight rows walking each tree in lockstep on bytes (`QuantisedTrees`).
        case treeWalk = "tree-walk"
    }

    /// The margins (log-odds) of every row of `data`, whose columns must follow `schema`.
    ///
    /// Rows are scored in blocks on every core: a block's values are binned once into bytes,
    /// row after row (see `QuantisedTrees`), then each row's leaves are found with leaf
    /// bitvectors (`BitvectorTrees`) or, with `scorer: .treeWalk`, every tree walks the whole
    /// block before the next tree.
    public func margins(_ data: Dataset, scorer: Scorer = .bitvector) throws(RiskModelError) -> [Double] {
        try checkColumns(data)
        let n = data.rowCount
        let featureCount = max(1, bins.count)
        var out = [Double](repeating: initialScore, count: n)
        let chunk = 8192
        let chunks = (n + chunk - 1) / chunk
        let compiled = self.compiled
        let bitvectors = self.bitvectors
        let columns = data.columns
        out.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let result = SendablePointer(base)
            DispatchQueue.concurrentPerform(iterations: chunks) { k in
                let chunkEnd = min(n, (k + 1) * chunk)
                let blockRows = QuantisedTrees.blockRows
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: blockRows * featureCount) { block in
                    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, bitvectors.wordCount)) { words in
                        var start = k * chunk
                        while start < chunkEnd {
                            let end = min(chunkEnd, start + blockRows)
                            let rows = UnsafePointer(block.baseAddress!)
                            switch scorer {
                            case .bitvector:
                                bitvectors.quantised.bin(columns, start: start, end: end, into: block.baseAddress!)
                                bitvectors.addSums(
                                    rows, rows: end - start, stride: featureCount, words: words.baseAddress!,
                                    into: result.pointer + start)
                                // Trees too big for a 64-bit word, if any, walked on the same bytes.
                                if bitvectors.quantised.walksTrees {
                                    bitvectors.quantised.addSums(
                                        rows, rows: end - start, stride: featureCount, into: result.pointer + start)
                                }
                            case .treeWalk:
                                compiled.bin(columns, start: start, end: end, into: block.baseAddress!)
                                compiled.addSums(
                                    rows, rows: end - start, stride: featureCount, into: result.pointer + start)
                            }
                            start = end
                        }
                    }
                }
            }
        }
        return out
    }

    /// The probabilities of the positive class for every row of `data`.
    public func probabilities(_ data: Dataset, scorer: Scorer = .bitvector) throws(RiskModelError) -> [Double] {
        try margins(data, scorer: scorer).map(Metrics.sigmoid)
    }

    /// The bins of one row, feature by feature.
    func rowBins(_ data: Dataset, row: Int) -> [Int] {
        (0..<bins.count).map { f in
            switch data.columns[f] {
            case .numeric(let values): Int(bins[f].bin(values[row]))
            case .categorical(let codes, _): Int(bins[f].bin(code: codes[row]))
            }
        }
    }

    func checkColumns(_ data: Dataset) throws(RiskModelError) {
        guard data.names == schema.names else {
            throw RiskModelError(
                .missingColumn,
                "gbdt: the data's columns (\(data.names.joined(separator: ", "))) are not the model's "
                    + "(\(schema.names.joined(separator: ", "))); read the data with the model's schema")
        }
        for (column, feature) in zip(data.columns, schema.features) {
            if case .numeric = column, feature.levels != nil {
                throw RiskModelError(
                    .badValue,
                    "gbdt: '\(feature.name)' is categorical in the model but numeric in the data; read the data with its schema"
                )
            }
            if case .categorical(_, let levels) = column, levels != feature.levels {
                throw RiskModelError(
                    .badValue,
                    "gbdt: the levels of '\(feature.name)' differ from the model's; read the data with its schema")
            }
        }
    }
}
