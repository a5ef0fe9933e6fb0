import Dispatch

/// The trees of an ensemble laid out flat for scoring raw values (no binning at scoring time).
///
/// A numeric split on bins `1...t` is the same as `value ≤ upperBounds[t - 1]` on the raw
/// value (see `FeatureBins`), so numeric nodes compare the row's `Double` with a threshold, as
/// LightGBM does; categorical nodes look the row's bin up in a 256-bit set. Leaves are nodes
/// whose children are themselves, so every row walks a tree for exactly the tree's depth with
/// no test for "am I at a leaf": the walk of several rows interleaves (eight independent chains
/// of loads instead of one), which is what makes block scoring fast.
struct CompiledTrees: Sendable {
    /// One node: 16 bytes (children in `children`).
    struct Node: Sendable {
        /// Numeric: non-missing values `≤ threshold` go left.
        var threshold: Double
        var feature: Int32
        /// Bit 0: missing values go left (numeric); bit 1: categorical (see `categoricalBits`).
        var flags: UInt32
    }

    private(set) var nodes: [Node] = []
    /// Per node, its left and right child (`children[2i]`, `children[2i + 1]`): the walk picks
    /// one by adding 0 or 1 to the index, so the unpredictable comparison never becomes a branch.
    private var children: [Int32] = []
    /// Per node, the leaf value (0 for a split).
    private(set) var values: [Double] = []
    /// Per categorical node, in node order: 4 words, bit `b` set when bin `b` goes left.
    private var categoricalBits: [UInt64] = []
    /// Per node, its first word in `categoricalBits` (categorical nodes only).
    private var bitsIndex: [Int32] = []
    private(set) var roots: [Int32] = []
    private(set) var depths: [Int32] = []

    init(_ trees: [RegressionTree], bins: [FeatureBins]) {
        for tree in trees {
            let base = Int32(nodes.count)
            let leafBase = base + Int32(tree.nodes.count)
            func global(_ ref: Int) -> Int32 { ref >= 0 ? base + Int32(ref) : leafBase + Int32(~ref) }
            for node in tree.nodes {
                let mapper = bins[node.feature]
                var flags: UInt32 = node.missingLeft ? 1 : 0
                var threshold = 0.0
                if mapper.isCategorical || node.leftBins != nil {
                    flags = 2
                    var words: [UInt64] = [0, 0, 0, 0]
                    for bin in 0..<256 where node.goesLeft(bin) { words[bin >> 6] |= 1 << UInt64(bin & 63) }
                    bitsIndex.append(Int32(categoricalBits.count))
                    categoricalBits.append(contentsOf: words)
                } else {
                    // Bins 1...t hold the values up to upperBounds[t - 1]; t = 0 leaves only the
                    // missing bin on the left, which no value reaches.
                    threshold =
                        node.threshold >= 1 ? mapper.upperBounds[node.threshold - 1] : -Double.infinity
                    bitsIndex.append(-1)
                }
                nodes.append(Node(threshold: threshold, feature: Int32(node.feature), flags: flags))
                children.append(global(node.left))
                children.append(global(node.right))
                values.append(0)
            }
            for (index, leaf) in tree.leaves.enumerated() {
                let me = leafBase + Int32(index)
                nodes.append(Node(threshold: 0, feature: 0, flags: 0))
                children.append(me)
                children.append(me)
                values.append(leaf.value)
                bitsIndex.append(-1)
            }
            roots.append(global(tree.root))
            depths.append(Int32(tree.depth))
        }
    }

    /// The number of trees.
    var treeCount: Int { roots.count }

    /// Rows scored together: their row-major values stay in the first-level cache.
    static let blockRows = 128
    /// Rows walked in lockstep through one tree.
    static let lanes = 8

    /// Adds the sum of the trees' values for `rows` rows to `out`. Row `r`'s values are at
    /// `values + r * stride` (numeric features raw, categorical features as their bin).
    func addSums(_ rowValues: UnsafePointer<Double>, rows: Int, stride: Int, into out: UnsafeMutablePointer<Double>) {
        nodes.withUnsafeBufferPointer { nodesBuffer in
            children.withUnsafeBufferPointer { childBuffer in
                values.withUnsafeBufferPointer { leafValues in
                    categoricalBits.withUnsafeBufferPointer { bits in
                        bitsIndex.withUnsafeBufferPointer { bitsIndex in
                            let nodes = nodesBuffer.baseAddress!
                            let children = childBuffer.baseAddress!
                            withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.lanes) { refs in
                                for tree in 0..<roots.count {
                                    let root = Int(roots[tree])
                                    let depth = Int(depths[tree])
                                    var start = 0
                                    while start < rows {
                                        let lanes = min(Self.lanes, rows - start)
                                        for k in 0..<lanes { refs[k] = root }
                                        for _ in 0..<depth {
                                            for k in 0..<lanes {
                                                let ref = refs[k]
                                                let node = nodes[ref]
                                                let x = rowValues[(start &+ k) &* stride &+ Int(node.feature)]
                                                var right: Int
                                                if node.flags & 2 == 0 {
                                                    // 0 when x goes left: x ≤ threshold, or missing
                                                    // where missing goes left.
                                                    let goesLeft = (x <= node.threshold ? 1 : 0)
                                                        | (Int(node.flags & 1) & (x.isNaN ? 1 : 0))
                                                    right = 1 &- goesLeft
                                                } else {
                                                    let bin = Int(x)
                                                    let word = bits[Int(bitsIndex[ref]) &+ (bin >> 6)]
                                                    right = 1 &- Int((word >> UInt64(bin & 63)) & 1)
                                                }
                                                refs[k] = Int(children[2 &* ref &+ right])
                                            }
                                        }
                                        for k in 0..<lanes { out[start + k] += leafValues[refs[k]] }
                                        start += lanes
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
