/// The trees of an ensemble (boosted trees or an isolation forest) in one flat array, laid out
/// for walking many rows at once.
///
/// Each tree is stored breadth-first with a node's two children side by side, so a node holds
/// only its left child and the walk steps to `left + 0` or `left + 1`: one 16-byte load per
/// step, and the unpredictable comparison becomes an addition, never a branch. A leaf is a node
/// that always "goes left" to itself (threshold `+∞`, missing values left), so rows walk in
/// lockstep with no test for "am I at a leaf"; a group of rows stops as soon as none of them
/// moved, so short paths do not pay for the tree's deepest leaf.
struct FlatTrees: Sendable {
    /// One node, 16 bytes.
    struct Node: Sendable {
        /// Non-missing values `≤ threshold` go left (`+∞` for a leaf, `NaN` when only missing
        /// values go left).
        var threshold: Double
        /// The left child; the right child is `left + 1`; a leaf's is itself.
        var left: Int32
        /// The feature times 4, plus bit 0: missing values go left; bit 1: categorical (see
        /// `categoricalBits`).
        var featureAndFlags: UInt32

        init(threshold: Double, left: Int32, feature: Int, flags: UInt32) {
            self.threshold = threshold
            self.left = left
            self.featureAndFlags = UInt32(feature) << 2 | flags
        }

        @inline(__always) var feature: Int { Int(featureAndFlags >> 2) }
        @inline(__always) var flags: UInt32 { featureAndFlags & 3 }
    }

    /// A node of the tree being added, as its builder describes it.
    enum SourceNode {
        /// Numeric split: values `≤ threshold` go left, missing values as `missingLeft` says.
        case numeric(feature: Int, threshold: Double, missingLeft: Bool, left: Int, right: Int)
        /// Categorical split: the row's value is a bin; bin `b` goes left when bit `b` of the
        /// four words is set.
        case categorical(feature: Int, leftBins: [UInt64], left: Int, right: Int)
        /// A leaf and what a row that ends there adds to its sum.
        case leaf(Double)
    }

    private(set) var nodes: [Node] = []
    /// Per node, what a row that ends there adds (0 for a split).
    private(set) var values: [Double] = []
    /// Per categorical node, 4 words: bit `b` set when bin `b` goes left.
    private var categoricalBits: [UInt64] = []
    /// Per node, its first word in `categoricalBits` (categorical nodes only).
    private var bitsIndex: [Int32] = []
    private(set) var roots: [Int32] = []
    /// Per tree, the deepest leaf's depth: the most steps a row takes.
    private(set) var depths: [Int32] = []

    /// The number of trees.
    var treeCount: Int { roots.count }

    /// Adds a tree whose nodes the builder numbers from `root`; `describe(index, depth)` says
    /// what source node `index` (at `depth`, root = 0) is.
    mutating func appendTree(root: Int, describe: (_ index: Int, _ depth: Int) -> SourceNode) {
        let base = nodes.count
        // Breadth-first: a node's children are given adjacent slots when it is placed.
        var queue: [(source: Int, depth: Int)] = [(root, 0)]
        var head = 0
        var height = 0
        nodes.append(Node(threshold: 0, left: 0, feature: 0, flags: 0))
        values.append(0)
        bitsIndex.append(-1)
        while head < queue.count {
            let (source, depth) = queue[head]
            let slot = base + head
            head += 1
            func placeChildren(_ left: Int, _ right: Int) -> Int32 {
                let first = Int32(nodes.count)
                for child in [left, right] {
                    queue.append((child, depth + 1))
                    nodes.append(Node(threshold: 0, left: 0, feature: 0, flags: 0))
                    values.append(0)
                    bitsIndex.append(-1)
                }
                return first
            }
            switch describe(source, depth) {
            case .numeric(let feature, let threshold, let missingLeft, let left, let right):
                let first = placeChildren(left, right)
                nodes[slot] = Node(
                    threshold: threshold, left: first, feature: feature, flags: missingLeft ? 1 : 0)
            case .categorical(let feature, let words, let left, let right):
                let first = placeChildren(left, right)
                bitsIndex[slot] = Int32(categoricalBits.count)
                categoricalBits.append(contentsOf: words)
                nodes[slot] = Node(threshold: 0, left: first, feature: feature, flags: 2)
            case .leaf(let value):
                nodes[slot] = Node(threshold: .infinity, left: Int32(slot), feature: 0, flags: 1)
                values[slot] = value
                height = max(height, depth)
            }
        }
        roots.append(Int32(base))
        depths.append(Int32(height))
    }

    /// Adds, for each of `rows` rows, the sum over all trees of the value of the leaf it reaches
    /// to `out`. Row `r`'s values are at `rowValues + r * stride` (numeric features raw,
    /// categorical features as their bin).
    func addLeafValues(
        _ rowValues: UnsafePointer<Double>, rows: Int, stride: Int, into out: UnsafeMutablePointer<Double>
    ) {
        guard rows > 0 else { return }
        nodes.withUnsafeBufferPointer { nodesBuffer in
            values.withUnsafeBufferPointer { leafValues in
                categoricalBits.withUnsafeBufferPointer { bits in
                    bitsIndex.withUnsafeBufferPointer { bitsIndex in
                        let nodes = nodesBuffer.baseAddress!
                        // One step of one row: the next node (itself at a leaf).
                        @inline(__always) func step(_ ref: Int, _ offset: Int) -> Int {
                            let node = nodes[ref]
                            let x = rowValues[offset &+ node.feature]
                            let right: Int
                            if node.flags & 2 == 0 {
                                // 0 when x goes left: x ≤ threshold, or missing where missing
                                // goes left.
                                let goesLeft = (x <= node.threshold ? 1 : 0) | (Int(node.flags & 1) & (x.isNaN ? 1 : 0))
                                right = 1 &- goesLeft
                            } else {
                                let bin = Int(x)
                                let word = bits[Int(bitsIndex[ref]) &+ (bin &>> 6)]
                                right = 1 &- Int((word &>> UInt64(bin & 63)) & 1)
                            }
                            return Int(node.left) &+ right
                        }
                        roots.withUnsafeBufferPointer { roots in
                            depths.withUnsafeBufferPointer { depths in
                                LockstepWalk.addLeafValues(
                                    roots: roots, depths: depths, leafValues: leafValues, rows: rows, stride: stride,
                                    into: out, step: step)
                            }
                        }
                    }
                }
            }
        }
    }
}
