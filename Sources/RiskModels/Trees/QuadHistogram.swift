/// The histograms of four features while one pass fills them: per bin a gradient/hessian pair
/// (16 bytes) and a 32-bit row count, 5 KiB a feature, 20 KiB for the four, where the 32-byte
/// cells of the stored layout take 32 KiB. The four then stay in the first-level cache beside
/// the streams the pass reads, and a row count is one integer add. `flush` writes a feature
/// out in the stored layout; the sums are the same, bit for bit: each cell adds the same
/// values in the same order, and a count of ones is exact either way.
struct QuadHistogram {
    /// `sums[256k + b]`: feature `k`'s gradient and hessian sums of bin `b`.
    let sums: UnsafeMutablePointer<SIMD2<Double>>
    /// `counts[256k + b]`: feature `k`'s rows in bin `b`.
    let counts: UnsafeMutablePointer<UInt32>

    /// Runs `body` with `quads` sets of four empty histograms in scratch memory.
    @inline(__always)
    static func withScratch<R>(_ quads: Int = 1, _ body: (_ quad: (Int) -> QuadHistogram) -> R) -> R {
        withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: quads * 1024) { sums in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: quads * 1024) { counts in
                sums.initialize(repeating: .zero)
                counts.initialize(repeating: 0)
                return body { QuadHistogram(sums: sums.baseAddress! + 1024 * $0, counts: counts.baseAddress! + 1024 * $0) }
            }
        }
    }

    /// Adds a row's pair to feature `k`'s bin, and the row to its count.
    @inline(__always)
    func add(_ k: Int, _ bin: Int, _ gh: SIMD2<Double>) {
        let cell = sums + (k &<< 8 &+ bin)
        cell.pointee = cell.pointee + gh
        counts[k &<< 8 &+ bin] &+= 1
    }

    /// Adds a row's pair to feature `k`'s bin, without counting it (the root's counts are known).
    @inline(__always)
    func addPair(_ k: Int, _ bin: Int, _ gh: SIMD2<Double>) {
        let cell = sums + (k &<< 8 &+ bin)
        cell.pointee = cell.pointee + gh
    }

    /// Writes feature `k` into `out` (256 entries of gradient, hessian, rows, unused).
    func flush(_ k: Int, into out: UnsafeMutablePointer<Double>) {
        for b in 0..<256 {
            let pair = sums[k &<< 8 &+ b]
            out[4 &* b] = pair.x
            out[4 &* b &+ 1] = pair.y
            out[4 &* b &+ 2] = Double(counts[k &<< 8 &+ b])
            out[4 &* b &+ 3] = 0
        }
    }
}
