/// One tree of a boosted ensemble, over binned features (see `FeatureBins`).
///
/// Internal nodes are numbered from 0 (the root); a child reference `c ≥ 0` is node `c`, and
/// `c < 0` is leaf `~c`. A tree that never split has no nodes and one leaf.
public struct RegressionTree: Codable, Sendable, Equatable {
    /// A split.
    public struct Node: Codable, Sendable, Equatable {
        /// The feature index (into the model's schema).
        public var feature: Int
        /// Numeric: value bins `1...threshold` go left.
        public var threshold: Int
        /// Numeric: whether missing values (bin 0) go left.
        public var missingLeft: Bool
        /// Categorical: the bins that go left; every other bin, 0 included, goes right.
        public var leftBins: [Int]?
        /// The left and right child references.
        public var left: Int
        public var right: Int
        /// Training rows that reached the node (TreeSHAP's cover).
        public var cover: Double
        /// The split's gain in the loss, for reports.
        public var gain: Double

        public init(
            feature: Int, threshold: Int, missingLeft: Bool, leftBins: [Int]?, left: Int, right: Int, cover: Double,
            gain: Double
        ) {
            self.feature = feature
            self.threshold = threshold
            self.missingLeft = missingLeft
            self.leftBins = leftBins
            self.left = left
            self.right = right
            self.cover = cover
            self.gain = gain
        }

        /// Whether a row with `bin` in this node's feature goes left.
        @inline(__always)
        public func goesLeft(_ bin: Int) -> Bool {
            if let leftBins { return leftBins.contains(bin) }
            return bin == 0 ? missingLeft : bin <= threshold
        }
    }

    /// An end of the tree.
    public struct Leaf: Codable, Sendable, Equatable {
        /// What the leaf adds to the margin (log-odds), shrinkage included.
        public var value: Double
        /// Training rows that reached the leaf.
        public var cover: Double

        public init(value: Double, cover: Double) {
            self.value = value
            self.cover = cover
        }
    }

    public var nodes: [Node]
    public var leaves: [Leaf]

    public init(nodes: [Node], leaves: [Leaf]) {
        self.nodes = nodes
        self.leaves = leaves
    }

    /// The root reference: node 0, or leaf 0 when the tree never split.
    public var root: Int { nodes.isEmpty ? ~0 : 0 }

    /// The leaf value for one row, given the bin of each feature.
    public func value(bins: (Int) -> Int) -> Double {
        var ref = root
        while ref >= 0 {
            let node = nodes[ref]
            ref = node.goesLeft(bins(node.feature)) ? node.left : node.right
        }
        return leaves[~ref].value
    }

    /// The cover of a child reference.
    func cover(_ ref: Int) -> Double { ref >= 0 ? nodes[ref].cover : leaves[~ref].cover }

    /// The deepest leaf's depth (root = 0).
    var depth: Int {
        func depth(_ ref: Int) -> Int { ref < 0 ? 0 : 1 + max(depth(nodes[ref].left), depth(nodes[ref].right)) }
        return depth(root)
    }
}
