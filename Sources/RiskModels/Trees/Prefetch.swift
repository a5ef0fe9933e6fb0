/// LLVM's prefetch intrinsic (`prefetcht0` on x86-64), which Swift does not otherwise expose:
/// arguments are the address, 0 = read, locality 0–3 (3 = keep in every cache level), and
/// 1 = data cache.
@_silgen_name("llvm.prefetch.p0")
private func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ cacheType: Int32)

/// Asks the cache for the line holding `address` without waiting for it. A hint only: it never
/// faults and changes no result.
///
/// The histogram passes gather bins by row index. A leaf's rows are sorted but sparse, so the
/// hardware prefetcher does not see the pattern and every gather waits on a miss; the loads are
/// independent, but the out-of-order window holds only a few rows' worth of them. A prefetch
/// retires at once, so a loop can request rows far ahead and find them in cache when it gets
/// there.
@inline(__always)
func prefetch(_ address: UnsafeRawPointer) {
    llvmPrefetch(address, 0, 3, 1)
}
