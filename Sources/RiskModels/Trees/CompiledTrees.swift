/// The trees of an ensemble laid out flat for scoring: every node's left-going bins as a
/// 256-bit set (numeric and categorical alike, so one test per node and no branch on kind),
/// children and leaf values in single arrays.
struct CompiledTrees: Sendable {
    /// Four words per node: bit `b` set when bin `b` goes left.
    private var leftBits: [UInt64] = []
    private var features: [Int32] = []
    /// Two per node; `c ≥ 0` a node, `c < 0` the leaf `~c` (indices over all trees).
    private var children: [Int32] = []
    private var leafValues: [Double] = []
    private var roots: [Int32] = []

    init(_ trees: [RegressionTree]) {
        for tree in trees {
            let nodeBase = Int32(features.count)
            let leafBase = Int32(leafValues.count)
            func global(_ ref: Int) -> Int32 { ref >= 0 ? nodeBase + Int32(ref) : ~(leafBase + Int32(~ref)) }
            for node in tree.nodes {
                var words: [UInt64] = [0, 0, 0, 0]
                for bin in 0..<256 where node.goesLeft(bin) { words[bin >> 6] |= 1 << UInt64(bin & 63) }
                leftBits.append(contentsOf: words)
                features.append(Int32(node.feature))
                children.append(global(node.left))
                children.append(global(node.right))
            }
            leafValues.append(contentsOf: tree.leaves.map(\.value))
            roots.append(global(tree.root))
        }
    }

    /// The sum of the trees' values for one row (`rowBins[f]` is the bin of feature `f`).
    @inline(__always)
    func sum(_ rowBins: UnsafePointer<UInt8>) -> Double {
        leftBits.withUnsafeBufferPointer { bits in
            features.withUnsafeBufferPointer { features in
                children.withUnsafeBufferPointer { children in
                    leafValues.withUnsafeBufferPointer { leaves in
                        var total = 0.0
                        for root in roots {
                            var ref = Int(root)
                            while ref >= 0 {
                                let bin = Int(rowBins[Int(features[ref])])
                                let left = (bits[ref &* 4 &+ (bin >> 6)] >> UInt64(bin & 63)) & 1
                                ref = Int(children[ref &* 2 &+ (left == 1 ? 0 : 1)])
                            }
                            total += leaves[~ref]
                        }
                        return total
                    }
                }
            }
        }
    }

    /// Adds the sum of the trees' values for `rows` rows (row `r`'s bins at `rowBins + r * stride`)
    /// to `out`, tree by tree, so one tree's nodes stay in cache for all the rows.
    func addSums(_ rowBins: UnsafePointer<UInt8>, rows: Int, stride: Int, into out: UnsafeMutablePointer<Double>) {
        leftBits.withUnsafeBufferPointer { bits in
            features.withUnsafeBufferPointer { features in
                children.withUnsafeBufferPointer { children in
                    leafValues.withUnsafeBufferPointer { leaves in
                        for root in roots {
                            for r in 0..<rows {
                                let row = rowBins + r &* stride
                                var ref = Int(root)
                                while ref >= 0 {
                                    let bin = Int(row[Int(features[ref])])
                                    let left = (bits[ref &* 4 &+ (bin >> 6)] >> UInt64(bin & 63)) & 1
                                    ref = Int(children[ref &* 2 &+ (left == 1 ? 0 : 1)])
                                }
                                out[r] += leaves[~ref]
                            }
                        }
                    }
                }
            }
        }
    }

    /// The number of trees.
    var treeCount: Int { roots.count }
}
