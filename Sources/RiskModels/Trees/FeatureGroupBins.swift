import Dispatch

/// The usable features' bins row after row (LightGBM's row-wise layout), for small leaves: one
/// record per row of `stride` 32-bit words, word `g` holding the bins of features
/// `usable[4g..<4g + 4]` (byte `k` for `usable[4g + k]`), records 64-byte aligned.
///
/// A small leaf's rows are scattered over the table: read through the column-major
/// `BinnedMatrix`, each of its rows costs a cache miss per feature; here one record, whose
/// line then stays in the core's cache while that core's passes (four features each, whose
/// histograms fit the first-level cache together) read it.
final class FeatureGroupBins: @unchecked Sendable {
    let rowCount: Int
    /// The number of groups: the usable features divided by four, rounded up.
    let groupCount: Int
    /// Words per row record: `groupCount` rounded up to a power of two.
    let stride: Int
    private let base: UnsafeMutablePointer<UInt32>

    /// Transposes the `usable` columns of `matrix`, on both cores over row chunks. A short last
    /// group repeats its last feature in the spare bytes.
    init(_ matrix: BinnedMatrix, usable: [Int]) {
        let n = matrix.rowCount
        rowCount = n
        groupCount = (usable.count + 3) / 4
        var words = 1
        while words < groupCount { words <<= 1 }
        let stride = words
        self.stride = stride
        base = UnsafeMutableRawPointer.allocate(byteCount: max(1, n * stride) * 4, alignment: 64)
            .bindMemory(to: UInt32.self, capacity: max(1, n * stride))
        base.initialize(repeating: 0, count: max(1, n * stride))
        let out = SendablePointer(base)
        let groups = groupCount
        let chunks = 16
        matrix.bins.withUnsafeBufferPointer { bins in
            let columns = SendableConstPointer(bins.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let from = n * c / chunks
                let to = n * (c + 1) / chunks
                for g in 0..<groups {
                    let c0 = columns.pointer + usable[min(4 * g, usable.count - 1)] * n
                    let c1 = columns.pointer + usable[min(4 * g + 1, usable.count - 1)] * n
                    let c2 = columns.pointer + usable[min(4 * g + 2, usable.count - 1)] * n
                    let c3 = columns.pointer + usable[min(4 * g + 3, usable.count - 1)] * n
                    let words = out.pointer + g
                    for r in from..<to {
                        words[r &* stride] =
                            UInt32(c0[r]) | UInt32(c1[r]) << 8 | UInt32(c2[r]) << 16 | UInt32(c3[r]) << 24
                    }
                }
            }
        }
    }

    deinit { base.deallocate() }

    /// Group `g`'s words: row `r`'s at `words(g)[r * stride]`.
    func words(_ g: Int) -> UnsafePointer<UInt32> { UnsafePointer(base + g) }

    /// Adds rows to four features' histograms: the rows `rows[j]` for `j` in `0..<count`;
    /// `pairs` holds the gradient/hessian pairs in the loop's order. Every histogram receives
    /// its rows in that order, one by one, so the sums do not depend on the layout.
    @inline(__always)
    static func accumulate(
        words: UnsafePointer<UInt32>, stride: Int, into quad: QuadHistogram, rows: UnsafePointer<Int32>,
        pairs: UnsafePointer<Float>, count: Int
    ) {
        @inline(__always)
        func step(_ w: UInt32, _ j: Int) {
            let gh = SIMD2(Double(pairs[2 &* j]), Double(pairs[2 &* j &+ 1]))
            quad.add(0, Int(w & 0xff), gh)
            quad.add(1, Int(w &>> 8 & 0xff), gh)
            quad.add(2, Int(w &>> 16 & 0xff), gh)
            quad.add(3, Int(w &>> 24), gh)
        }
        // The record `distance` rows ahead is requested while this row is added (see
        // `prefetch`): a later group's pass over the same chunk then finds every record cached.
        let distance = TreeLearner.prefetchDistance
        let ahead = max(0, count - distance)
        for j in 0..<ahead {
            prefetch(words + Int(rows[j &+ distance]) &* stride)
            step(words[Int(rows[j]) &* stride], j)
        }
        for j in ahead..<count { step(words[Int(rows[j]) &* stride], j) }
    }
}
