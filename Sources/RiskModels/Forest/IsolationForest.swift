import Dispatch
import Foundation

/// An isolation forest (Liu, Ting and Zhou, 2008): random trees over small samples; a row
/// that random splits isolate in few steps is an outlier. The score is `2^(-E[h(x)] / c(ψ))`,
/// in (0, 1], higher for outliers (about 0.5 and below for ordinary rows).
///
/// Categorical features enter as the share of training rows with the row's level, so a rare
/// level is an extreme value (an unseen one is 0). A missing value follows, at each split, the
/// side a coin flip chose when the split was grown, or the larger side when no sample row
/// missed the feature (scikit-learn's rules).
public struct IsolationForest: Sendable {
    /// The features, in the order the trees index them.
    public let schema: FeatureSchema
    /// The settings it was trained with.
    public let parameters: IsolationForestParameters
    /// What training saw.
    public let summary: TrainingSummary
    /// Per categorical feature, the share of training rows of each level code.
    public let levelShares: [[Double]?]
    /// The nodes of all trees, flat.
    public let nodes: [Node]
    /// The root node of each tree.
    public let roots: [Int]
    /// The rows each tree was grown from (ψ, at most the training rows).
    public let samplesPerTree: Int
    /// Per node: c(size), what a leaf adds to the path length for the rows it did not separate.
    private let compiled: CompiledForest

    /// A node: a split when `feature >= 0`, else a leaf holding `size` sample rows.
    public struct Node: Codable, Sendable, Equatable {
        public var feature: Int
        /// Values up to it go left.
        public var threshold: Double
        public var missingLeft: Bool
        public var left: Int
        public var right: Int
        /// Sample rows that reached the node.
        public var size: Int

        public init(feature: Int, threshold: Double, missingLeft: Bool, left: Int, right: Int, size: Int) {
            self.feature = feature
            self.threshold = threshold
            self.missingLeft = missingLeft
            self.left = left
            self.right = right
            self.size = size
        }
    }

    public init(
        schema: FeatureSchema, parameters: IsolationForestParameters, summary: TrainingSummary,
        levelShares: [[Double]?], nodes: [Node], roots: [Int], samplesPerTree: Int
    ) {
        self.schema = schema
        self.parameters = parameters
        self.summary = summary
        self.levelShares = levelShares
        self.nodes = nodes
        self.roots = roots
        self.samplesPerTree = samplesPerTree
        self.compiled = CompiledForest(nodes: nodes, roots: roots)
    }

    /// The average path length of an unsuccessful search in a binary search tree of `n` keys,
    /// c(n) = 2H(n − 1) − 2(n − 1)/n, which normalises path lengths.
    public static func averagePathLength(_ n: Int) -> Double {
        if n <= 1 { return 0 }
        if n == 2 { return 1 }
        let m = Double(n - 1)
        return 2 * (log(m) + 0.577_215_664_901_532_9) - 2 * m / Double(n)
    }

    /// The anomaly score of every row of `data` (columns in schema order).
    ///
    /// Rows are scored in blocks on every core: a block's values are copied row-major, then
    /// every tree walks the whole block before the next tree (see `CompiledForest`).
    public func scores(_ data: Dataset) throws(RiskModelError) -> [Double] {
        try checkColumns(data)
        let n = data.rowCount
        let featureCount = max(1, schema.features.count)
        var out = [Double](repeating: 0, count: n)
        let chunk = 8192
        let chunks = (n + chunk - 1) / chunk
        let normaliser = Self.averagePathLength(samplesPerTree) * Double(roots.count)
        let compiled = self.compiled
        out.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let result = SendablePointer(base)
            DispatchQueue.concurrentPerform(iterations: chunks) { k in
                let chunkEnd = min(n, (k + 1) * chunk)
                let blockRows = CompiledForest.blockRows
                withUnsafeTemporaryAllocation(of: Double.self, capacity: blockRows * featureCount) { block in
                    var start = k * chunk
                    while start < chunkEnd {
                        let end = min(chunkEnd, start + blockRows)
                        fillRowMajor(data, start: start, end: end, into: block.baseAddress!)
                        compiled.addPathLengths(
                            UnsafePointer(block.baseAddress!), rows: end - start, stride: featureCount,
                            into: result.pointer + start)
                        start = end
                    }
                }
                for r in (k * chunk)..<chunkEnd {
                    result.pointer[r] = normaliser > 0 ? pow(2, -result.pointer[r] / normaliser) : 1
                }
            }
        }
        return out
    }

    /// The features that isolated one row, with their share of the credit (summing to 1),
    /// largest first. Each split on the row's path credits its feature with the share of the
    /// node's sample rows it cut away from the row: an extreme value is cut off from nearly all
    /// of them, early.
    public func reasons(_ data: Dataset, row: Int) throws(RiskModelError) -> [(feature: Int, share: Double)] {
        try checkColumns(data)
        let values = rowMajor(data, start: row, end: row + 1)
        var credit = [Double](repeating: 0, count: schema.features.count)
        for root in roots {
            var i = root
            while nodes[i].feature >= 0 {
                let node = nodes[i]
                let x = values[node.feature]
                let next = (x.isNaN ? node.missingLeft : x <= node.threshold) ? node.left : node.right
                credit[node.feature] += Double(node.size - nodes[next].size) / Double(node.size)
                i = next
            }
        }
        let total = credit.reduce(0, +)
        guard total > 0 else { return [] }
        return credit.enumerated().filter { $0.element > 0 }.map { ($0.offset, $0.element / total) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    /// Rows `start..<end` as numbers, row after row (categorical levels as their shares).
    func rowMajor(_ data: Dataset, start: Int, end: Int) -> [Double] {
        let featureCount = schema.features.count
        var values = [Double](repeating: 0, count: (end - start) * featureCount)
        values.withUnsafeMutableBufferPointer { fillRowMajor(data, start: start, end: end, into: $0.baseAddress!) }
        return values
    }

    /// Writes rows `start..<end` row-major at `out` (stride: the feature count).
    func fillRowMajor(_ data: Dataset, start: Int, end: Int, into out: UnsafeMutablePointer<Double>) {
        let featureCount = schema.features.count
        for f in 0..<featureCount {
            switch data.columns[f] {
            case .numeric(let column):
                column.withUnsafeBufferPointer { v in
                    for r in start..<end { out[(r - start) * featureCount + f] = v[r] }
                }
            case .categorical(let codes, _):
                let shares = levelShares[f] ?? []
                for r in start..<end {
                    let code = Int(codes[r])
                    out[(r - start) * featureCount + f] = code < 0 ? .nan : code < shares.count ? shares[code] : 0
                }
            }
        }
    }

    func checkColumns(_ data: Dataset) throws(RiskModelError) {
        guard data.names == schema.names else {
            throw RiskModelError(
                .missingColumn,
                "iforest: the data's columns (\(data.names.joined(separator: ", "))) are not the model's "
                    + "(\(schema.names.joined(separator: ", "))); read the data with the model's schema")
        }
    }
}
