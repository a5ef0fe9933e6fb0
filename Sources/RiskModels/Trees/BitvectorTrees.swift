/// The trees of a boosted ensemble for QuickScorer-style scoring (Lucchese et al., SIGIR 2015):
/// no tree is walked. Each tree's leaves are numbered left to right and a row keeps one 64-bit
/// word per tree, a bit per leaf it can still reach. A split the row does not take to the left
/// ("false") rules out its left subtree: its mask clears those leaves' bits. The row ends in
/// the leftmost leaf that no false split ruled out, the lowest set bit of the word.
///
/// Rows are binned to bytes first, exactly as `QuantisedTrees` does (bin 0 missing, bins 1…
/// values), so each feature's false splits for a byte are known ahead: a numeric split with
/// byte threshold `t` is false for bytes `> t` (and for 0 when missing values go right), so its
/// feature's splits sorted by `t` make the false ones for byte `b > 0` a prefix of the list,
/// and a categorical split is false for the bytes outside its left set. Per (feature, byte) a
/// range of `entries` lists the (word, mask) pairs to apply: scoring a row is one pass over
/// those ranges, ANDs with no comparisons, then one lookup per tree.
///
/// The words are 32 bits, so an entry is 8 bytes and the ensemble's entries stay in the
/// first-level cache: a tree of 33 to 64 leaves takes two words (its masks split into the
/// halves that clear anything), its exit leaf in the second when the first is all clear.
/// Trees of more than 64 leaves (or numeric features split by sets of bins, which training does
/// not produce) keep the byte walk of `QuantisedTrees`, over the same bytes.
struct BitvectorTrees: Sendable {
    struct Entry: Sendable {
        /// The leaves of the split's left subtree cleared, every other bit set.
        var mask: UInt32
        /// The word (of its tree's one or two) the mask applies to.
        var word: UInt32
    }

    /// Binning for every tree, and the byte walk for the trees not taken here.
    let quantised: QuantisedTrees
    private var entries: [Entry] = []
    /// Per feature, its first slot in `ranges`.
    private var rangeBase: [Int32] = []
    /// Per (feature, byte): `start << 32 | end` in `entries`.
    private var ranges: [UInt64] = []
    /// Per bitvector tree, two numbers: its first word, and its first leaf value in `leafValues`.
    private var treeStarts: [Int32] = []
    /// Leaf values, tree after tree, leaves left to right.
    private var leafValues: [Double] = []
    /// The number of trees scored with bitvectors.
    private(set) var treeCount = 0
    /// The number of 32-bit words a row needs.
    private(set) var wordCount = 0

    static let blockRows = 256

    init(_ trees: [RegressionTree], bins: [FeatureBins]) {
        func fits(_ tree: RegressionTree) -> Bool {
            tree.leaves.count <= 64
                && !tree.nodes.contains { $0.leftBins != nil && !bins[$0.feature].isCategorical }
        }
        let taken = trees.map(fits)
        quantised = QuantisedTrees(trees, bins: bins, walking: { !taken[$0] })
        let featureCount = bins.count
        // Per feature: numeric splits as (byte threshold, missing goes left, tree, mask);
        // categorical ones as (set of left bytes, tree, mask).
        var numeric = [[(t: Int, missingLeft: Bool, word: UInt32, mask: UInt32)]](repeating: [], count: featureCount)
        var categorical = [[(node: RegressionTree.Node, word: UInt32, mask: UInt32)]](
            repeating: [], count: featureCount)
        for (index, tree) in trees.enumerated() where taken[index] {
            let word = UInt32(wordCount)
            treeCount += 1
            wordCount += tree.leaves.count > 32 ? 2 : 1
            treeStarts += [Int32(word), Int32(leafValues.count)]
            // Leaves left to right; each split's left subtree as a range of them.
            var order: [Double] = []
            func visit(_ ref: Int) -> Range<Int> {
                if ref < 0 {
                    order.append(tree.leaves[~ref].value)
                    return order.count - 1..<order.count
                }
                let node = tree.nodes[ref]
                let left = visit(node.left)
                let right = visit(node.right)
                var mask = ~UInt64(0)
                for leaf in left { mask &= ~(UInt64(1) << UInt64(leaf)) }
                // One entry per 32-bit half that clears a leaf.
                for (half, part) in [UInt32(truncatingIfNeeded: mask), UInt32(truncatingIfNeeded: mask >> 32)]
                    .enumerated() where part != ~0
                {
                    if bins[node.feature].isCategorical {
                        categorical[node.feature].append((node, word + UInt32(half), part))
                    } else {
                        let t = quantised.byteThreshold(feature: node.feature, threshold: node.threshold)
                        numeric[node.feature].append((t, node.missingLeft, word + UInt32(half), part))
                    }
                }
                return left.lowerBound..<right.upperBound
            }
            _ = visit(tree.root)
            leafValues.append(contentsOf: order)
        }
        for f in 0..<featureCount {
            rangeBase.append(Int32(ranges.count))
            let count = quantised.binCount(f)
            func range(_ start: Int, _ end: Int) -> UInt64 { UInt64(start) << 32 | UInt64(end) }
            if bins[f].isCategorical {
                for byte in 0..<count {
                    let start = entries.count
                    for split in categorical[f] where !split.node.goesLeft(byte) {
                        entries.append(Entry(mask: split.mask, word: split.word))
                    }
                    ranges.append(range(start, entries.count))
                }
            } else {
                // Sorted by byte threshold: the false splits of byte b > 0 are those with t < b.
                let sorted = numeric[f].sorted { ($0.t, $0.word) < ($1.t, $1.word) }
                let start = entries.count
                for split in sorted { entries.append(Entry(mask: split.mask, word: split.word)) }
                let missingStart = entries.count
                for split in sorted where !split.missingLeft {
                    entries.append(Entry(mask: split.mask, word: split.word))
                }
                ranges.append(range(missingStart, entries.count))
                var below = 0
                for byte in 1..<max(count, 1) {
                    while below < sorted.count && sorted[below].t < byte { below += 1 }
                    ranges.append(range(start, start + below))
                }
            }
        }
    }

    /// Adds, for each of `rows` binned rows (row `r` at `rowBins + r * stride`), the sum of the
    /// trees' leaf values to `out`, in tree order; `words` has room for `wordCount` words.
    func addSums(
        _ rowBins: UnsafePointer<UInt8>, rows: Int, stride: Int, words: UnsafeMutablePointer<UInt32>,
        into out: UnsafeMutablePointer<Double>
    ) {
        guard rows > 0, treeCount > 0 else { return }
        let featureCount = rangeBase.count
        entries.withUnsafeBufferPointer { entriesBuffer in
            ranges.withUnsafeBufferPointer { rangesBuffer in
                rangeBase.withUnsafeBufferPointer { rangeBase in
                    treeStarts.withUnsafeBufferPointer { treeStarts in
                        leafValues.withUnsafeBufferPointer { leafValues in
                            let entries = entriesBuffer.baseAddress!
                            let ranges = rangesBuffer.baseAddress!
                            for r in 0..<rows {
                                let row = rowBins + r &* stride
                                words.update(repeating: ~0, count: wordCount)
                                for f in 0..<featureCount {
                                    let range = ranges[Int(rangeBase[f]) &+ Int(row[f])]
                                    var i = Int(range >> 32)
                                    let end = Int(range & 0xffff_ffff)
                                    while i < end {
                                        let entry = entries[i]
                                        words[Int(entry.word)] &= entry.mask
                                        i &+= 1
                                    }
                                }
                                var sum = out[r]
                                for t in 0..<treeCount {
                                    // The first word is all clear only in a two-word tree whose
                                    // exit leaf is in its second half.
                                    let w = Int(treeStarts[2 &* t])
                                    let low = words[w]
                                    let leaf =
                                        low != 0 ? low.trailingZeroBitCount : 32 &+ words[w &+ 1].trailingZeroBitCount
                                    sum += leafValues[Int(treeStarts[2 &* t &+ 1]) &+ leaf]
                                }
                                out[r] = sum
                            }
                        }
                    }
                }
            }
        }
    }
}
