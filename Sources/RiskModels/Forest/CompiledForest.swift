/// An isolation forest laid out flat for scoring: 16-byte nodes, leaves as nodes whose
/// children are themselves, and per leaf the whole path length a row that ends there gets
/// (its depth plus c(size) for the sample rows it did not separate). Every row then walks a
/// tree for exactly the tree's height, so several rows walk in lockstep (eight independent
/// chains of loads) with no test for "am I at a leaf", as `CompiledTrees` does for boosting.
struct CompiledForest: Sendable {
    struct Node: Sendable {
        /// Values up to it go left.
        var threshold: Double
        var feature: Int32
        /// 1 when missing values go left.
        var missingLeft: UInt32
    }

    private var nodes: [Node] = []
    /// Per node, its left and right child: picked by adding 0 or 1, never by a branch.
    private var children: [Int32] = []
    /// Per node: the path length of a row that ends there (leaves only).
    private var pathLengths: [Double] = []
    private var roots: [Int32] = []
    private var heights: [Int32] = []

    init(nodes source: [IsolationForest.Node], roots sourceRoots: [Int]) {
        nodes.reserveCapacity(source.count)
        for (index, node) in source.enumerated() {
            let leaf = node.feature < 0
            nodes.append(
                Node(
                    threshold: node.threshold, feature: leaf ? 0 : Int32(node.feature),
                    missingLeft: node.missingLeft ? 1 : 0))
            children.append(Int32(leaf ? index : node.left))
            children.append(Int32(leaf ? index : node.right))
            pathLengths.append(0)
        }
        for root in sourceRoots {
            var height = 0
            // Depth-first over the tree: each leaf's path length and the tree's height.
            var stack: [(index: Int, depth: Int)] = [(root, 0)]
            while let (index, depth) = stack.popLast() {
                let node = source[index]
                if node.feature < 0 {
                    pathLengths[index] = Double(depth) + IsolationForest.averagePathLength(node.size)
                    height = max(height, depth)
                } else {
                    stack.append((node.left, depth + 1))
                    stack.append((node.right, depth + 1))
                }
            }
            roots.append(Int32(root))
            heights.append(Int32(height))
        }
    }

    static let blockRows = 128
    static let lanes = 8

    /// Adds each row's path lengths over all trees to `out` (row `r`'s values at
    /// `rowValues + r * stride`).
    func addPathLengths(
        _ rowValues: UnsafePointer<Double>, rows: Int, stride: Int, into out: UnsafeMutablePointer<Double>
    ) {
        nodes.withUnsafeBufferPointer { nodesBuffer in
            children.withUnsafeBufferPointer { childBuffer in
                pathLengths.withUnsafeBufferPointer { lengths in
                    let nodes = nodesBuffer.baseAddress!
                    let children = childBuffer.baseAddress!
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.lanes) { refs in
                        for tree in 0..<roots.count {
                            let root = Int(roots[tree])
                            let height = Int(heights[tree])
                            var start = 0
                            while start < rows {
                                let lanes = min(Self.lanes, rows - start)
                                for k in 0..<lanes { refs[k] = root }
                                for _ in 0..<height {
                                    for k in 0..<lanes {
                                        let ref = refs[k]
                                        let node = nodes[ref]
                                        let x = rowValues[(start &+ k) &* stride &+ Int(node.feature)]
                                        let goesLeft = (x <= node.threshold ? 1 : 0)
                                            | (Int(node.missingLeft) & (x.isNaN ? 1 : 0))
                                        refs[k] = Int(children[2 &* ref &+ (1 &- goesLeft)])
                                    }
                                }
                                for k in 0..<lanes { out[start + k] += lengths[refs[k]] }
                                start += lanes
                            }
                        }
                    }
                }
            }
        }
    }
}
