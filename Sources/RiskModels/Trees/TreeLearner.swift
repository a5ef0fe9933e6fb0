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
    /// Which layout fills a leaf's histograms.
    private let layout: Layout
    /// Per feature, 256 bins: the rows per bin over all rows (the root's counts, the same for
    /// every tree).
    private let rootCounts: [Double]
    /// The bins in groups of four features, for leaves that take the grouped pass.
    private let grouped: FeatureGroupBins?
    /// Doubles per feature histogram: 256 bins of 4 (gradient, hessian, rows, unused).
    static let featureHistogram = 256 * 4

    /// Row indices, partitioned by leaf.
    private(set) var indices: [Int32]
    /// The gradient/hessian pair of the row at each position of `indices` (two Floats in one
    /// word), moved along with the indices when a leaf is partitioned: a leaf's pairs are then
    /// contiguous and in the order its histogram loop reads them, with no gather.
    private var positionPairs: [UInt64]
    /// Where partitioning puts the right rows (and their pairs) before they go back.
    private var rightRows: [Int32]
    private var rightPairs: [UInt64]
    /// Leaves of at least this many rows are partitioned in two pieces on both cores, of four
    /// times as many in four.
    private let partitionPieceRows: Int
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

    /// How leaf histograms read the bins. Every layout gives the same sums, bit for bit (each
    /// histogram cell adds its rows in the same order), so the same trees.
    enum Layout: Sendable {
        /// Grouped (`FeatureGroupBins`) for leaves below `groupedShare` of the rows,
        /// column-wise for the others.
        case automatic
        /// Always column-wise (`BinnedMatrix`).
        case columns
        /// Grouped for every leaf but the root.
        case groups
    }

    /// Leaves with fewer than this share of the rows are filled from the grouped records by
    /// `.automatic`. Measured on 900,000 × 30 (100 trees): such leaves cost 300 ns a row
    /// column-wise (a cache miss per feature) and about 170 ns from the records; larger leaves
    /// were 2–4× slower from the records than column-wise, whose reads of the sorted rows are
    /// dense enough there for the prefetcher.
    static let groupedShare = 1.0 / 64

    /// The default `partitionPieceRows`: a piece of 8,192 rows or more is tens of microseconds
    /// of partitioning, well above what handing it to the other core costs.
    static let partitionPieceRows = 16_384

    init(
        matrix: BinnedMatrix, bins: [FeatureBins], usable: [Int], parameters: GBDTParameters,
        layout: Layout = .automatic, partitionPieceRows: Int = TreeLearner.partitionPieceRows
    ) {
        self.matrix = matrix
        self.partitionPieceRows = max(1, partitionPieceRows)
        self.layout = layout
        self.grouped = layout == .columns ? nil : FeatureGroupBins(matrix, usable: usable)
        var rootCounts = [Double](repeating: 0, count: matrix.featureCount * 256)
        rootCounts.withUnsafeMutableBufferPointer { counts in
            let out = SendablePointer(counts.baseAddress!)
            matrix.bins.withUnsafeBufferPointer { bins in
                let columns = SendableConstPointer(bins.baseAddress!)
                let n = matrix.rowCount
                DispatchQueue.concurrentPerform(iterations: usable.count) { u in
                    let f = usable[u]
                    for r in 0..<n { out.pointer[f &* 256 &+ Int(columns.pointer[f &* n &+ r])] += 1 }
                }
            }
        }
        self.rootCounts = rootCounts
        self.binCounts = bins.map(\.binCount)
        self.categorical = bins.map(\.isCategorical)
        self.usable = usable
        self.parameters = parameters
        self.finder = HistogramSplitFinder(parameters: parameters)
        self.histogramSize = matrix.featureCount * Self.featureHistogram
        let n = matrix.rowCount
        indices = (0..<n).map { Int32($0) }
        positionPairs = [UInt64](repeating: 0, count: n)
        rightRows = [Int32](repeating: 0, count: n)
        rightPairs = [UInt64](repeating: 0, count: n)
        let slots = min(parameters.maxLeaves, 64)
        histograms = [Double](repeating: 0, count: histogramSize * slots)
        freeSlots = Array((0..<slots).reversed())
    }

    /// Grows a tree from the rows' gradients and hessians (`pairs[2r]`, `pairs[2r + 1]`);
    /// leaf values are the Newton step times the learning rate.
    func grow(pairs: [Float]) -> RegressionTree {
        let n = matrix.rowCount
        for i in 0..<n { indices[i] = Int32(i) }
        pairs.withUnsafeBytes { source in
            positionPairs.withUnsafeMutableBytes {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<(8 * n)]))
            }
        }
        freeSlots = Array((0..<(histograms.count / histogramSize)).reversed())
        var nodes: [RegressionTree.Node] = []
        // The root's sums, row after row (that order, so the same trees): one serial pass, run
        // as one more task beside the root histogram's passes instead of before them.
        let rootSlot = freeSlots.popLast()
        let (totalG, totalH) = withUnsafeTemporaryAllocation(of: Double.self, capacity: 2) { sums in
            sums.initialize(repeating: 0)
            let out = SendablePointer(sums.baseAddress!)
            pairs.withUnsafeBufferPointer { source in
                let gh = SendableConstPointer(source.baseAddress!)
                let sum: @Sendable () -> Void = {
                    var totalG = 0.0
                    var totalH = 0.0
                    for i in 0..<n {
                        totalG += Double(gh.pointer[2 &* i])
                        totalH += Double(gh.pointer[2 &* i &+ 1])
                    }
                    out.pointer[0] = totalG
                    out.pointer[1] = totalH
                }
                if let rootSlot {
                    buildHistogram(slot: rootSlot, begin: 0, count: n, alongside: sum)
                } else {
                    sum()
                }
            }
            return (sums[0], sums[1])
        }
        var root = GrowingLeaf(
            begin: 0, count: n, depth: 0, gradient: totalG, hessian: totalH, slot: rootSlot, parent: nil,
            best: nil)
        if let slot = root.slot { root.best = bestSplit(slot: slot, leaf: root) }
        leaves = [root]

        while leaves.count < parameters.maxLeaves {
            // The leaf with the largest gain; ties to the lower index.
            var chosen: Int?
            for (index, leaf) in leaves.enumerated() {
                guard let gain = leaf.best?.gain else { continue }
                if chosen == nil || gain > leaves[chosen!].best!.gain { chosen = index }
            }
            guard let leafIndex = chosen else { break }
            split(leafIndex, nodes: &nodes)
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
        _ leafIndex: Int, nodes: inout [RegressionTree.Node]
    ) {
        let parent = leaves[leafIndex]
        let best = parent.best!
        let nodeIndex = nodes.count
        let rightIndex = leaves.count
        nodes.append(
            RegressionTree.Node(
                feature: best.feature, threshold: best.threshold, missingLeft: best.missingLeft,
                leftBins: best.leftBins,
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
                buildHistogram(slot: slot, begin: smaller.begin, count: smaller.count)
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
                buildHistogram(slot: parentSlot, begin: left.begin, count: left.count)
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

    /// Moves the rows of a leaf that go left to the front of its range, their pairs with them
    /// (stable); returns how many. Each left row is written back in place (never ahead of the
    /// row being read), each right row to the right buffers, which alone are copied back: half
    /// the writes of buffering both sides. A leaf of `partitionPieceRows` rows or more is cut
    /// into pieces that both cores partition at once; the pieces' left runs are then moved
    /// down in piece order and their right runs copied after them, so the result is the same
    /// as one pass.
    private func partition(begin: Int, count: Int, split: SplitCandidate) -> Int {
        let node = RegressionTree.Node(
            feature: split.feature, threshold: split.threshold, missingLeft: split.missingLeft,
            leftBins: split.leftBins, left: 0, right: 0, cover: 0, gain: 0)
        let n = matrix.rowCount
        let pieces = count >= 4 * partitionPieceRows ? 4 : count >= partitionPieceRows ? 2 : 1
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { table in
            for b in 0..<256 { table[b] = node.goesLeft(b) ? 1 : 0 }
            let goesLeft = SendableConstPointer(UnsafePointer(table.baseAddress!))
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: pieces) { leftCounts in
                let counts = SendablePointer(leftCounts.baseAddress!)
                return matrix.bins.withUnsafeBufferPointer { bins in
                    let column = SendableConstPointer(bins.baseAddress! + split.feature * n)
                    return indices.withUnsafeMutableBufferPointer { idx in
                        positionPairs.withUnsafeMutableBufferPointer { pp in
                            rightRows.withUnsafeMutableBufferPointer { rr in
                                rightPairs.withUnsafeMutableBufferPointer { rp in
                                    let idx = SendablePointer(idx.baseAddress!)
                                    let pp = SendablePointer(pp.baseAddress!)
                                    let rr = SendablePointer(rr.baseAddress!)
                                    let rp = SendablePointer(rp.baseAddress!)
                                    let piece: @Sendable (Int) -> Void = { c in
                                        let from = begin + count * c / pieces
                                        let to = begin + count * (c + 1) / pieces
                                        var l = from
                                        var r = from
                                        // The split column's byte for the row `prefetchDistance`
                                        // ahead is requested first (see `prefetch`); positions
                                        // ahead of `i` are not yet overwritten.
                                        let distance = Self.prefetchDistance
                                        for i in from..<to {
                                            if i &+ distance < to {
                                                prefetch(column.pointer + Int(idx.pointer[i &+ distance]))
                                            }
                                            let row = idx.pointer[i]
                                            let pair = pp.pointer[i]
                                            // Both sides written, one advanced: no branch. `l`
                                            // never passes `i`, so the in-place write only
                                            // overwrites rows already read.
                                            let left = Int(goesLeft.pointer[Int(column.pointer[Int(row)])])
                                            idx.pointer[l] = row
                                            pp.pointer[l] = pair
                                            rr.pointer[r] = row
                                            rp.pointer[r] = pair
                                            l &+= left
                                            r &+= 1 &- left
                                        }
                                        counts.pointer[c] = l - from
                                    }
                                    if pieces == 1 {
                                        piece(0)
                                    } else {
                                        DispatchQueue.concurrentPerform(iterations: pieces, execute: piece)
                                    }
                                    // Left runs down, in piece order (each lands at or below its
                                    // own start and above every earlier run's end; memmove).
                                    var leftAt = begin + counts.pointer[0]
                                    for c in 1..<pieces {
                                        let from = begin + count * c / pieces
                                        let lefts = counts.pointer[c]
                                        if leftAt != from {
                                            UnsafeMutableRawPointer(idx.pointer + leftAt).copyMemory(
                                                from: idx.pointer + from, byteCount: lefts * MemoryLayout<Int32>.stride)
                                            UnsafeMutableRawPointer(pp.pointer + leftAt).copyMemory(
                                                from: pp.pointer + from, byteCount: lefts * MemoryLayout<UInt64>.stride)
                                        }
                                        leftAt += lefts
                                    }
                                    let leftTotal = leftAt - begin
                                    let copyBack: @Sendable (Int) -> Void = { c in
                                        let from = begin + count * c / pieces
                                        let to = begin + count * (c + 1) / pieces
                                        var rightAt = begin + leftTotal
                                        for k in 0..<c {
                                            let size = count * (k + 1) / pieces - count * k / pieces
                                            rightAt += size - counts.pointer[k]
                                        }
                                        let rights = to - from - counts.pointer[c]
                                        (idx.pointer + rightAt).update(from: rr.pointer + from, count: rights)
                                        (pp.pointer + rightAt).update(from: rp.pointer + from, count: rights)
                                    }
                                    if pieces == 1 {
                                        copyBack(0)
                                    } else {
                                        DispatchQueue.concurrentPerform(iterations: pieces, execute: copyBack)
                                    }
                                    return leftTotal
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Fills a slot with the histograms of the usable features over rows `begin..<begin+count`,
    /// both cores over blocks of features. Each row loop fills four features' histograms at
    /// once: the row index and gradient pair are read once for the four, and the four
    /// histograms' additions do not wait on each other. `alongside`, if given, runs as one more
    /// task of the same parallel loop (first, as it is the longest).
    private func buildHistogram(slot: Int, begin: Int, count: Int, alongside: (@Sendable () -> Void)? = nil) {
        let n = matrix.rowCount
        let size = histogramSize
        let usable = self.usable
        let wholeInOrder = begin == 0 && count == n
        if !wholeInOrder, let grouped, layout == .groups || Double(count) < Self.groupedShare * Double(n) {
            buildHistogramGrouped(grouped, slot: slot, begin: begin, count: count)
            alongside?()
            return
        }
        let groups = (usable.count + 3) / 4
        let extra = alongside == nil ? 0 : 1
        histograms.withUnsafeMutableBufferPointer { hist in
            let base = SendablePointer(hist.baseAddress! + slot * size)
            matrix.bins.withUnsafeBufferPointer { bins in
                let binBase = SendableConstPointer(bins.baseAddress!)
                indices.withUnsafeBufferPointer { idx in
                    let rows = SendableConstPointer(idx.baseAddress! + begin)
                    // The leaf's pairs, contiguous and in the order of its rows.
                    positionPairs.withUnsafeBufferPointer { words in
                        words.withMemoryRebound(to: Float.self) { gp in
                            let gh = SendableConstPointer(gp.baseAddress! + 2 * begin)
                            DispatchQueue.concurrentPerform(iterations: groups + extra) { task in
                                if let alongside, task == 0 { return alongside() }
                                let group = task - extra
                                // Four features per pass, into scratch histograms copied out
                                // after it; a short last group repeats its last feature into a
                                // scratch histogram that is not copied.
                                func column(_ k: Int) -> UnsafePointer<UInt8> {
                                    binBase.pointer + usable[min(group * 4 + k, usable.count - 1)] * n
                                }
                                QuadHistogram.withScratch { quads in
                                    let quad = quads(0)
                                    Self.accumulate(
                                        columns: (column(0), column(1), column(2), column(3)), into: quad,
                                        rows: wholeInOrder ? nil : rows.pointer, pairs: gh.pointer, count: count)
                                    for k in 0..<4 where group * 4 + k < usable.count {
                                        quad.flush(k, into: base.pointer + usable[group * 4 + k] * Self.featureHistogram)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // The root pass adds no row counts: they are the same for every tree.
            if wholeInOrder {
                for f in usable {
                    let out = base.pointer + f * Self.featureHistogram
                    for b in 0..<256 { out[4 &* b &+ 2] = rootCounts[f &* 256 &+ b] }
                }
            }
        }
    }

    /// `buildHistogram` over the grouped records (small leaves): each core takes half of the
    /// groups and makes a pass per group (one word read per row) over a chunk of rows at a time.
    private func buildHistogramGrouped(_ grouped: FeatureGroupBins, slot: Int, begin: Int, count: Int) {
        let size = histogramSize
        let usable = self.usable
        let groupCount = grouped.groupCount
        let halves = min(2, groupCount)
        histograms.withUnsafeMutableBufferPointer { hist in
            let base = SendablePointer(hist.baseAddress! + slot * size)
            indices.withUnsafeBufferPointer { idx in
                let rows = SendableConstPointer(idx.baseAddress! + begin)
                positionPairs.withUnsafeBufferPointer { words in
                    words.withMemoryRebound(to: Float.self) { gp in
                        let gh = SendableConstPointer(gp.baseAddress! + 2 * begin)
                        DispatchQueue.concurrentPerform(iterations: halves) { half in
                            let first = groupCount * half / halves
                            let last = groupCount * (half + 1) / halves
                            // A short last group's spare bytes go to scratch that is not
                            // copied out.
                            QuadHistogram.withScratch(last - first) { quads in
                                // Rows in chunks whose records stay in this core's cache while its
                                // groups' passes read them one after another.
                                var start = 0
                                while start < count {
                                    let end = min(count, start + Self.groupedChunk)
                                    for g in first..<last {
                                        FeatureGroupBins.accumulate(
                                            words: grouped.words(g), stride: grouped.stride, into: quads(g - first),
                                            rows: rows.pointer + start, pairs: gh.pointer + 2 * start, count: end - start)
                                    }
                                    start = end
                                }
                                for g in first..<last {
                                    for k in 0..<4 where g * 4 + k < usable.count {
                                        quads(g - first).flush(
                                            k, into: base.pointer + usable[g * 4 + k] * Self.featureHistogram)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// How many rows ahead the gathering passes request their bins: far enough for a miss to
    /// L3 or memory to arrive in time, near enough that the lines are still cached when used.
    static let prefetchDistance = 32

    /// Rows per chunk of the grouped pass: 4,096 records' cache lines (256 KiB at most) fit
    /// the second-level cache.
    static let groupedChunk = 4096

    /// The inner loop of `buildHistogram`: four features' histograms over `count` rows (the
    /// rows `0..<count` in order when `rows` is nil, else `rows[j]`); `pairs` is in the same
    /// order as the loop.
    @inline(__always)
    private static func accumulate(
        columns c: (UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>),
        into quad: QuadHistogram, rows: UnsafePointer<Int32>?, pairs: UnsafePointer<Float>, count: Int
    ) {
        @inline(__always)
        func pair(_ j: Int) -> SIMD2<Double> { SIMD2(Double(pairs[2 &* j]), Double(pairs[2 &* j &+ 1])) }
        if let rows {
            @inline(__always)
            func step(_ j: Int) {
                let row = Int(rows[j])
                let gh = pair(j)
                quad.add(0, Int(c.0[row]), gh)
                quad.add(1, Int(c.1[row]), gh)
                quad.add(2, Int(c.2[row]), gh)
                quad.add(3, Int(c.3[row]), gh)
            }
            // The four bins of the row `prefetchDistance` ahead are requested while this row is
            // added (see `prefetch`); the last rows have nothing left to request.
            let distance = Self.prefetchDistance
            let ahead = max(0, count - distance)
            for j in 0..<ahead {
                let next = Int(rows[j &+ distance])
                prefetch(c.0 + next)
                prefetch(c.1 + next)
                prefetch(c.2 + next)
                prefetch(c.3 + next)
                step(j)
            }
            for j in ahead..<count { step(j) }
        } else {
            // The root: its rows per bin never change, so `rootCounts` fills them in and the
            // loop adds the gradient pairs alone.
            for j in 0..<count {
                let gh = pair(j)
                quad.addPair(0, Int(c.0[j]), gh)
                quad.addPair(1, Int(c.1[j]), gh)
                quad.addPair(2, Int(c.2[j]), gh)
                quad.addPair(3, Int(c.3[j]), gh)
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
                let o = f * Self.featureHistogram
                for k in 0..<(4 * binCounts[f]) { p[o + k] -= c[o + k] }
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
                // Two tasks of half the features each: a feature's search is a few microseconds,
                // about what handing a task to another thread costs.
                let tasks = min(2, usable.count)
                DispatchQueue.concurrentPerform(iterations: tasks) { task in
                    for u in (usable.count * task / tasks)..<(usable.count * (task + 1) / tasks) {
                        let f = usable[u]
                        let h = base.pointer + f * Self.featureHistogram
                        out.pointer[u] =
                            categorical[f]
                            ? finder.bestCategorical(feature: f, histogram: h, binCount: binCounts[f], totals: totals)
                            : finder.bestNumeric(feature: f, histogram: h, binCount: binCounts[f], totals: totals)
                    }
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
