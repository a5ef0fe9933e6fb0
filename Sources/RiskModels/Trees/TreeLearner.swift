import Dispatch

/// Grows one tree leaf-wise over binned data (LightGBM's method): gradient/hessian histograms
/// per leaf, built over the smaller child only and the larger one by subtraction from the
/// parent, splits searched on the histograms, always splitting the leaf with the largest gain.
///
/// Rows are kept partitioned by leaf in one index array, so a leaf's rows are contiguous and
/// the scores can be updated leaf by leaf afterwards.
final class TreeLearner {
    private let matrix: BinnedMatrix
    private let binCounts: [Int]
    private let categorical: [Bool]
    /// Features that may split (the others are constant or empty).
    private let usable: [Int]
    private let parameters: GBDTParameters
    private let finder: HistogramSplitFinder
    private let histogramSize: Int

    /// Row indices, partitioned by leaf.
    private(set) var indices: [Int32]
    private var scratch: [Int32]
    private var orderedGradients: [Double]
    private var orderedHessians: [Double]
    /// One histogram per slot; a leaf owns a slot while it may still split.
    private var histograms: [Double]
    private var freeSlots: [Int] = []

    /// A leaf while the tree grows.
    struct GrowingLeaf {
        var begin: Int
        var count: Int
        var depth: Int
        var gradient: Double
        var hessian: Double
        var slot: Int?
        /// The node that points at this leaf, and on which side (nil for the root leaf).
        var parent: (node: Int, left: Bool)?
        var best: SplitCandidate?
    }

    /// The leaves of the last tree grown, in leaf-index order: their row ranges in `indices`.
    private(set) var leaves: [GrowingLeaf] = []

    init(matrix: BinnedMatrix, bins: [FeatureBins], usable: [Int], parameters: GBDTParameters) {
        self.matrix = matrix
        self.binCounts = bins.map(\.binCount)
        self.categorical = bins.map(\.isCategorical)
        self.usable = usable
        self.parameters = parameters
        self.finder = HistogramSplitFinder(parameters: parameters)
        self.histogramSize = matrix.featureCount * 256 * 3
        let n = matrix.rowCount
        indices = (0..<n).map { Int32($0) }
        scratch = [Int32](repeating: 0, count: n)
        orderedGradients = [Double](repeating: 0, count: n)
        orderedHessians = [Double](repeating: 0, count: n)
        let slots = min(parameters.maxLeaves, 64)
        histograms = [Double](repeating: 0, count: histogramSize * slots)
        freeSlots = Array((0..<slots).reversed())
    }

    /// Grows a tree from the rows' gradients and hessians; leaf values are the Newton step
    /// times the learning rate.
    func grow(gradients: [Double], hessians: [Double]) -> RegressionTree {
        let n = matrix.rowCount
        for i in 0..<n { indices[i] = Int32(i) }
        freeSlots = Array((0..<(histograms.count / histogramSize)).reversed())
        var nodes: [RegressionTree.Node] = []
        var totalG = 0.0
        var totalH = 0.0
        for i in 0..<n {
            totalG += gradients[i]
            totalH += hessians[i]
        }
        var root = GrowingLeaf(
            begin: 0, count: n, depth: 0, gradient: totalG, hessian: totalH, slot: freeSlots.popLast(), parent: nil,
            best: nil)
        if let slot = root.slot {
            buildHistogram(slot: slot, begin: 0, count: n, gradients: gradients, hessians: hessians)
            root.best = bestSplit(slot: slot, leaf: root)
        }
        leaves = [root]

        while leaves.count < parameters.maxLeaves {
            // The leaf with the largest gain; ties to the lower index.
            var chosen: Int?
            for (index, leaf) in leaves.enumerated() {
                guard let gain = leaf.best?.gain else { continue }
                if chosen == nil || gain > leaves[chosen!].best!.gain { chosen = index }
            }
            guard let leafIndex = chosen else { break }
            split(leafIndex, nodes: &nodes, gradients: gradients, hessians: hessians)
        }

        let lambda = parameters.lambdaL2
        let treeLeaves = leaves.map { leaf in
            RegressionTree.Leaf(
                value: -leaf.gradient / (leaf.hessian + lambda) * parameters.learningRate, cover: Double(leaf.count))
        }
        for leaf in leaves {
            if let slot = leaf.slot { freeSlots.append(slot) }
        }
        return RegressionTree(nodes: nodes, leaves: treeLeaves)
    }

    private func canSplit(_ leaf: GrowingLeaf) -> Bool {
        leaf.count >= 2 * parameters.minDataInLeaf && (parameters.maxDepth == 0 || leaf.depth < parameters.maxDepth)
    }

    private func split(
        _ leafIndex: Int, nodes: inout [RegressionTree.Node], gradients: [Double], hessians: [Double]
    ) {
        let parent = leaves[leafIndex]
        let best = parent.best!
        let nodeIndex = nodes.count
        let rightIndex = leaves.count
        nodes.append(
            RegressionTree.Node(
                feature: best.feature, threshold: best.threshold, missingLeft: best.missingLeft, leftBins: best.leftBins,
                left: ~leafIndex, right: ~rightIndex, cover: Double(parent.count), gain: best.gain))
        if let (node, isLeft) = parent.parent {
            if isLeft { nodes[node].left = nodeIndex } else { nodes[node].right = nodeIndex }
        }
        let leftCount = partition(begin: parent.begin, count: parent.count, split: best)
        var left = GrowingLeaf(
            begin: parent.begin, count: leftCount, depth: parent.depth + 1, gradient: best.leftGradient,
            hessian: best.leftHessian, slot: nil, parent: (nodeIndex, true), best: nil)
        var right = GrowingLeaf(
            begin: parent.begin + leftCount, count: parent.count - leftCount, depth: parent.depth + 1,
            gradient: best.rightGradient, hessian: best.rightHessian, slot: nil, parent: (nodeIndex, false), best: nil)

        // Histograms are needed only for children that may split again; the smaller child is
        // built from its rows, the larger one is the parent's minus the smaller's.
        let leftSplits = canSplit(left) && leaves.count + 1 < parameters.maxLeaves
        let rightSplits = canSplit(right) && leaves.count + 1 < parameters.maxLeaves
        let parentSlot = parent.slot!
        if leftSplits || rightSplits {
            let smallerIsLeft = left.count <= right.count
            let smaller = smallerIsLeft ? left : right
            if let slot = freeSlots.popLast() {
                buildHistogram(
                    slot: slot, begin: smaller.begin, count: smaller.count, gradients: gradients, hessians: hessians)
                subtract(slot, from: parentSlot)
                if smallerIsLeft {
                    left.slot = slot
                    right.slot = parentSlot
                } else {
                    right.slot = slot
                    left.slot = parentSlot
                }
            } else {
                // Out of slots (more than 64 leaves): build both from rows.
                buildHistogram(
                    slot: parentSlot, begin: left.begin, count: left.count, gradients: gradients, hessians: hessians)
                left.slot = parentSlot
            }
            if leftSplits, let slot = left.slot { left.best = bestSplit(slot: slot, leaf: left) }
            if rightSplits, let slot = right.slot { right.best = bestSplit(slot: slot, leaf: right) }
            if !leftSplits, let slot = left.slot { freeSlots.append(slot); left.slot = nil }
            if !rightSplits, let slot = right.slot { freeSlots.append(slot); right.slot = nil }
        } else {
            freeSlots.append(parentSlot)
        }
        leaves[leafIndex] = left
        leaves.append(right)
    }

    /// Moves the rows of a leaf that go left to the front of its range (stable); returns how many.
    private func partition(begin: Int, count: Int, split: SplitCandidate) -> Int {
        var goesLeft = [Bool](repeating: false, count: 256)
        let node = RegressionTree.Node(
            feature: split.feature, threshold: split.threshold, missingLeft: split.missingLeft,
            leftBins: split.leftBins, left: 0, right: 0, cover: 0, gain: 0)
        for b in 0..<256 { goesLeft[b] = node.goesLeft(b) }
        let n = matrix.rowCount
        return matrix.bins.withUnsafeBufferPointer { bins in
            let column = bins.baseAddress! + split.feature * n
            return indices.withUnsafeMutableBufferPointer { idx in
                scratch.withUnsafeMutableBufferPointer { tmp in
                    var l = begin
                    var r = 0
                    for i in begin..<(begin + count) {
                        let row = idx[i]
                        if goesLeft[Int(column[Int(row)])] {
                            idx[l] = row
                            l += 1
                        } else {
                            tmp[r] = row
                            r += 1
                        }
                    }
                    for j in 0..<r { idx[l + j] = tmp[j] }
                    return l - begin
                }
            }
        }
    }

    /// Fills a slot with the histograms of the usable features over rows `begin..<begin+count`,
    /// in parallel over features.
    private func buildHistogram(slot: Int, begin: Int, count: Int, gradients: [Double], hessians: [Double]) {
        let n = matrix.rowCount
        let size = histogramSize
        let usable = self.usable
        let wholeInOrder = begin == 0 && count == n
        if !wholeInOrder {
            // Gather the leaf's gradients once, so the per-feature loops read them in order.
            indices.withUnsafeBufferPointer { idx in
                orderedGradients.withUnsafeMutableBufferPointer { og in
                    orderedHessians.withUnsafeMutableBufferPointer { oh in
                        for j in 0..<count {
                            let row = Int(idx[begin + j])
                            og[j] = gradients[row]
                            oh[j] = hessians[row]
                        }
                    }
                }
            }
        }
        histograms.withUnsafeMutableBufferPointer { hist in
            let base = SendablePointer(hist.baseAddress! + slot * size)
            matrix.bins.withUnsafeBufferPointer { bins in
                let binBase = SendableConstPointer(bins.baseAddress!)
                indices.withUnsafeBufferPointer { idx in
                    let rows = SendableConstPointer(idx.baseAddress! + begin)
                    let g = wholeInOrder ? gradients : orderedGradients
                    let h = wholeInOrder ? hessians : orderedHessians
                    g.withUnsafeBufferPointer { gp in
                        h.withUnsafeBufferPointer { hp in
                            let gs = SendableConstPointer(gp.baseAddress!)
                            let hs = SendableConstPointer(hp.baseAddress!)
                            DispatchQueue.concurrentPerform(iterations: usable.count) { u in
                                let f = usable[u]
                                let out = base.pointer + f * 768
                                out.initialize(repeating: 0, count: 768)
                                let column = binBase.pointer + f * n
                                if wholeInOrder {
                                    for r in 0..<count {
                                        let b = 3 &* Int(column[r])
                                        out[b] += gs.pointer[r]
                                        out[b &+ 1] += hs.pointer[r]
                                        out[b &+ 2] += 1
                                    }
                                } else {
                                    for j in 0..<count {
                                        let b = 3 &* Int(column[Int(rows.pointer[j])])
                                        out[b] += gs.pointer[j]
                                        out[b &+ 1] += hs.pointer[j]
                                        out[b &+ 2] += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `parent -= child`, feature by feature, leaving the larger child's histogram in `parent`.
    private func subtract(_ child: Int, from parent: Int) {
        let size = histogramSize
        histograms.withUnsafeMutableBufferPointer { hist in
            let c = hist.baseAddress! + child * size
            let p = hist.baseAddress! + parent * size
            for f in usable {
                let o = f * 768
                for k in 0..<(3 * binCounts[f]) { p[o + k] -= c[o + k] }
            }
        }
    }

    private func bestSplit(slot: Int, leaf: GrowingLeaf) -> SplitCandidate? {
        guard canSplit(leaf) else { return nil }
        let totals = HistogramSplitFinder.Totals(gradient: leaf.gradient, hessian: leaf.hessian, count: leaf.count)
        var found = [SplitCandidate?](repeating: nil, count: usable.count)
        let size = histogramSize
        let usable = self.usable
        let finder = self.finder
        let binCounts = self.binCounts
        let categorical = self.categorical
        histograms.withUnsafeBufferPointer { hist in
            let base = SendableConstPointer(hist.baseAddress! + slot * size)
            found.withUnsafeMutableBufferPointer { results in
                let out = SendablePointer(results.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: usable.count) { u in
                    let f = usable[u]
                    let h = base.pointer + f * 768
                    out.pointer[u] =
                        categorical[f]
                        ? finder.bestCategorical(feature: f, histogram: h, binCount: binCounts[f], totals: totals)
                        : finder.bestNumeric(feature: f, histogram: h, binCount: binCounts[f], totals: totals)
                }
            }
        }
        var best: SplitCandidate?
        for candidate in found {
            guard let candidate else { continue }
            if best == nil || best!.isBeaten(by: candidate) { best = candidate }
        }
        return best
    }
}

/// A read-only pointer handed to `concurrentPerform` workers.
struct SendableConstPointer<T>: @unchecked Sendable {
    let pointer: UnsafePointer<T>
    init(_ pointer: UnsafePointer<T>) { self.pointer = pointer }
}
