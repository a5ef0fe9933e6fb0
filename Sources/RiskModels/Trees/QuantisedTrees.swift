/// The trees of a boosted ensemble for scoring on bytes: each row's values are turned once into
/// small per-feature bin numbers (one byte per feature), and every split compares a byte with
/// a byte.
///
/// A feature's bins here are cut at the thresholds the model's splits on it use (at most the
/// training bins' 254 bounds, usually a few dozen), so "value ≤ threshold j" is "bin ≤ j"
/// exactly, and a row is binned with a short branch-free search instead of the trees comparing
/// `Double`s and testing for `NaN` at every node. Bin 0 is a missing value; bins 1… are values.
/// A numeric node sends bin `b` left when `UInt8(b − low) ≤ high`: `low` 0 takes bin 0
/// (missing) into the left range, `low` 1 wraps it to 255, out of the range. A leaf takes
/// every bin left, to itself. Categorical features keep their training bins and a 256-bit set
/// per node. The nodes are 8 bytes, laid out as in `FlatTrees`: children side by side, so the
/// walk adds 0 or 1 to the left child.
struct QuantisedTrees: Sendable {
    struct Node: Sendable {
        /// The left child; the right is `left + 1`; a leaf's is itself.
        var left: Int32
        /// The feature; the top bit marks a categorical split.
        var feature: UInt16
        var low: UInt8
        var high: UInt8
    }

    private var nodes: [Node] = []
    /// Per node, what a row that ends there adds.
    private var values: [Double] = []
    /// Per categorical node, 4 words: bit `b` set when bin `b` goes left.
    private var categoricalBits: [UInt64] = []
    /// Per node, its first word in `categoricalBits` (categorical nodes only).
    private var bitsIndex: [Int32] = []
    private var roots: [Int32] = []
    private var depths: [Int32] = []
    /// Per numeric feature, its cut points in ascending order, padded with `+∞` to a power of
    /// two (at least 1 entry); `[+∞]` for a categorical feature.
    private var cuts: [[Double]] = []
    /// Per categorical feature, its training bins (`nil` for a numeric one).
    private let categoricalBins: [FeatureBins?]
    /// Per numeric feature, a used training threshold's rank among the used thresholds.
    private var ranks: [[Int: Int]] = []
    /// The bucketed lookup over `cuts` that `bin` uses before falling back to the search.
    private var buckets = CutBuckets(cuts: [])

    static let blockRows = 256

    /// Compiles `trees`; only those `walking` accepts get nodes for `addSums` (the cut points
    /// come from every tree, so another scorer can use `bin` for the rest).
    init(_ trees: [RegressionTree], bins: [FeatureBins], walking: (Int) -> Bool = { _ in true }) {
        categoricalBins = bins.map { $0.isCategorical ? $0 : nil }
        // The thresholds each numeric feature's splits use.
        var used = [Set<Int>](repeating: [], count: bins.count)
        for tree in trees {
            for node in tree.nodes where !bins[node.feature].isCategorical && node.leftBins == nil {
                if node.threshold >= 1 { used[node.feature].insert(node.threshold) }
            }
        }
        // Training bin t (1...) maps to its rank among the used thresholds.
        var rank = [[Int: Int]](repeating: [:], count: bins.count)
        cuts = bins.indices.map { f in
            guard !bins[f].isCategorical else { return [.infinity] }
            let sorted = used[f].sorted()
            for (k, t) in sorted.enumerated() { rank[f][t] = k }
            var size = 1
            while size < sorted.count + 1 { size <<= 1 }
            return sorted.map { bins[f].upperBounds[$0 - 1] }
                + [Double](repeating: .infinity, count: size - sorted.count)
        }
        ranks = rank
        buckets = CutBuckets(cuts: bins.indices.map { bins[$0].isCategorical ? [] : cuts[$0] })
        for (t, tree) in trees.enumerated() where walking(t) {
            let base = nodes.count
            let leafBase = tree.nodes.count
            func source(_ ref: Int) -> Int { ref >= 0 ? ref : leafBase + ~ref }
            var queue: [(source: Int, depth: Int)] = [(source(tree.root), 0)]
            var head = 0
            var height = 0
            append(Node(left: 0, feature: 0, low: 0, high: 255))
            while head < queue.count {
                let (index, depth) = queue[head]
                let slot = base + head
                head += 1
                guard index < leafBase else {
                    nodes[slot] = Node(left: Int32(slot), feature: 0, low: 0, high: 255)
                    values[slot] = tree.leaves[index - leafBase].value
                    height = max(height, depth)
                    continue
                }
                let node = tree.nodes[index]
                let first = Int32(nodes.count)
                for child in [node.left, node.right] {
                    queue.append((source(child), depth + 1))
                    append(Node(left: 0, feature: 0, low: 0, high: 255))
                }
                if bins[node.feature].isCategorical || node.leftBins != nil {
                    var words: [UInt64] = [0, 0, 0, 0]
                    for bin in 0..<256 where node.goesLeft(bin) { words[bin >> 6] |= 1 << UInt64(bin & 63) }
                    bitsIndex[slot] = Int32(categoricalBits.count)
                    categoricalBits.append(contentsOf: words)
                    nodes[slot] = Node(left: first, feature: UInt16(node.feature) | 0x8000, low: 0, high: 0)
                } else if node.threshold >= 1 {
                    // Row bins 1...j + 1 are the values up to cut j (rank of the threshold).
                    let j = rank[node.feature][node.threshold]!
                    nodes[slot] =
                        node.missingLeft
                        ? Node(left: first, feature: UInt16(node.feature), low: 0, high: UInt8(j + 1))
                        : Node(left: first, feature: UInt16(node.feature), low: 1, high: UInt8(j))
                } else if node.missingLeft {
                    // Only missing values go left.
                    nodes[slot] = Node(left: first, feature: UInt16(node.feature), low: 0, high: 0)
                } else {
                    // Nothing goes left (training never splits so): an empty set, as a
                    // categorical node holds it.
                    bitsIndex[slot] = Int32(categoricalBits.count)
                    categoricalBits.append(contentsOf: [0, 0, 0, 0])
                    nodes[slot] = Node(left: first, feature: UInt16(node.feature) | 0x8000, low: 0, high: 0)
                }
            }
            roots.append(Int32(base))
            depths.append(Int32(height))
        }
    }

    /// Whether any tree is walked by `addSums`.
    var walksTrees: Bool { !roots.isEmpty }

    /// The number of distinct byte values `bin` writes for feature `f`: bins `0..<binCount(f)`.
    func binCount(_ f: Int) -> Int { categoricalBins[f] != nil ? 256 : cuts[f].count + 1 }

    /// For a numeric split on training bins `1...threshold`, the row byte `t` such that
    /// present values go left exactly when their byte is `1...t` (0 when only missing values
    /// can go left).
    func byteThreshold(feature: Int, threshold: Int) -> Int {
        threshold >= 1 ? ranks[feature][threshold]! + 1 : 0
    }

    private mutating func append(_ node: Node) {
        nodes.append(node)
        values.append(0)
        bitsIndex.append(-1)
    }

    /// Bins rows `start..<end` of `columns` into `out`, row after row (stride: the feature count).
    func bin(_ columns: [Dataset.Column], start: Int, end: Int, into out: UnsafeMutablePointer<UInt8>) {
        let stride = columns.count
        for f in 0..<columns.count {
            switch columns[f] {
            case .numeric(let values):
                cuts[f].withUnsafeBufferPointer { table in
                    values.withUnsafeBufferPointer { v in
                        buckets.withFeature(f) { lookup in
                            let t = table.baseAddress!
                            let size = table.count
                            for r in start..<end {
                                let x = v[r]
                                // Count of cuts below x: the bucket and two compares, or in a
                                // crowded bucket the branch-free search (the padding is never
                                // below); bin 0 for a missing value.
                                var count: Int
                                if let below = lookup.below(x) {
                                    count = below
                                } else {
                                    count = 0
                                    var half = size &>> 1
                                    while half > 0 {
                                        count &+= t[count &+ half &- 1] < x ? half : 0
                                        half &>>= 1
                                    }
                                }
                                out[(r &- start) &* stride &+ f] = x.isNaN ? 0 : UInt8(truncatingIfNeeded: count &+ 1)
                            }
                        }
                    }
                }
            case .categorical(let codes, _):
                let mapper = categoricalBins[f]
                for r in start..<end { out[(r &- start) &* stride &+ f] = mapper?.bin(code: codes[r]) ?? 0 }
            }
        }
    }

    /// Adds, for each of `rows` binned rows (row `r` at `rowBins + r * stride`), the sum of the
    /// trees' leaf values to `out`: tree after tree over the block, eight rows in lockstep, a
    /// group stopping once none of its rows moved.
    func addSums(_ rowBins: UnsafePointer<UInt8>, rows: Int, stride: Int, into out: UnsafeMutablePointer<Double>) {
        guard rows > 0 else { return }
        nodes.withUnsafeBufferPointer { nodesBuffer in
            values.withUnsafeBufferPointer { leafValues in
                categoricalBits.withUnsafeBufferPointer { bits in
                    bitsIndex.withUnsafeBufferPointer { bitsIndex in
                        let nodes = nodesBuffer.baseAddress!
                        // One step of one row: the next node (itself at a leaf).
                        @inline(__always) func step(_ ref: Int, _ offset: Int) -> Int {
                            let node = nodes[ref]
                            let b = rowBins[offset &+ Int(node.feature & 0x7fff)]
                            let right: Int
                            if node.feature & 0x8000 == 0 {
                                right = b &- node.low > node.high ? 1 : 0
                            } else {
                                let word = bits[Int(bitsIndex[ref]) &+ Int(b &>> 6)]
                                right = 1 &- Int((word &>> UInt64(b & 63)) & 1)
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
