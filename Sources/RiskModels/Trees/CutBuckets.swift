/// A bucketed lookup of "how many cut points lie below x" for every numeric feature of a
/// scorer, in place of a binary search over the cuts (which is eight dependent loads and
/// compares per value, the third of scoring time it used to take).
///
/// A feature's range from its first to its last cut is split into `K` equal buckets (K a
/// power of two, 16…1024, the smallest that leaves no bucket more than two cuts, else 1024).
/// The bucket of `x` is `⌊(x − low) · scale⌋`, clamped to the table; it is monotone in `x`, so
/// the cuts in earlier buckets are all below `x` and those in later buckets all above it: the
/// table holds per bucket the count of cuts in earlier buckets, and two compares with the
/// cuts that follow finish the count. A bucket holding more than two cuts is marked and its
/// values take the binary search, so the result is exact for every `x`; NaN is the caller's.
struct CutBuckets: Sendable {
    /// Per bucket: the cuts in earlier buckets, or `crowded`.
    private var starts: [UInt8] = []
    /// Per feature: its first bucket in `starts`.
    private var base: [Int] = []
    private var low: [Double] = []
    private var scale: [Double] = []
    /// Per feature: the last bucket, as a Double (the clamp).
    private var top: [Double] = []
    /// Per feature: its cuts followed by two `+∞`, for the two compares.
    private var scan: [[Double]] = []

    static let crowded: UInt8 = 255

    /// Buckets for each feature's ascending cuts (`+∞` padding at the end allowed and ignored;
    /// an empty list for a categorical feature).
    init(cuts: [[Double]]) {
        for list in cuts {
            let finite = list.filter { $0 < .infinity }
            base.append(starts.count)
            scan.append(finite + [.infinity, .infinity])
            guard finite.count > 2, let first = finite.first, let last = finite.last, last > first,
                (last - first).isFinite
            else {
                // At most two cuts (or a range too wide to scale): one bucket, two compares.
                low.append(0)
                scale.append(0)
                top.append(0)
                starts.append(finite.count <= 2 ? 0 : Self.crowded)
                continue
            }
            var size = 16
            var table: [UInt8] = []
            var factor = 0.0
            while true {
                factor = Double(size) / (last - first)
                var perBucket = [Int](repeating: 0, count: size)
                for cut in finite { perBucket[Self.bucket(cut, low: first, scale: factor, top: Double(size - 1))] += 1 }
                let worst = perBucket.max() ?? 0
                if worst <= 2 || size == 1024 {
                    table = []
                    var below = 0
                    for count in perBucket {
                        table.append(count <= 2 ? UInt8(below) : Self.crowded)
                        below += count
                    }
                    break
                }
                size *= 2
            }
            low.append(first)
            scale.append(factor)
            top.append(Double(size - 1))
            starts.append(contentsOf: table)
        }
    }

    @inline(__always)
    private static func bucket(_ x: Double, low: Double, scale: Double, top: Double) -> Int {
        var d = (x - low) * scale
        // NaN and values below the first cut to bucket 0; above the last to the last bucket.
        d = d >= 0 ? d : 0
        d = d < top ? d : top
        return Int(d)
    }

    /// Calls `body` with a reader of feature `f`'s table.
    @inline(__always)
    func withFeature<R>(_ f: Int, _ body: (Reader) -> R) -> R {
        starts.withUnsafeBufferPointer { starts in
            scan[f].withUnsafeBufferPointer { scan in
                body(
                    Reader(
                        starts: starts.baseAddress! + base[f], scan: scan.baseAddress!, low: low[f], scale: scale[f],
                        top: top[f]))
            }
        }
    }

    /// One feature's lookup, valid inside `withFeature`.
    struct Reader {
        let starts: UnsafePointer<UInt8>
        let scan: UnsafePointer<Double>
        let low: Double
        let scale: Double
        let top: Double

        /// The number of cuts below `x` (not NaN), or nil when `x` falls in a crowded bucket.
        @inline(__always)
        func below(_ x: Double) -> Int? {
            let start = starts[CutBuckets.bucket(x, low: low, scale: scale, top: top)]
            if start == CutBuckets.crowded { return nil }
            var b = Int(start)
            b &+= scan[b] < x ? 1 : 0
            b &+= scan[b] < x ? 1 : 0
            return b
        }
    }
}
