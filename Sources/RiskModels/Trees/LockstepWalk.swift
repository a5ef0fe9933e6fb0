/// The tree walk both flat scorers share (`FlatTrees` on raw values, `QuantisedTrees` on byte
/// bins): tree after tree over the whole block, so one tree's nodes stay in the first-level cache
/// while every row of the block walks it; eight rows in lockstep in named variables (registers,
/// not memory: eight independent chains of loads the processor overlaps); a group stops as soon
/// as none of its rows moved (every node of a leaf points at itself).
///
/// `step(node, rowOffset)` is the scorer's own node test. The function is always inlined so that
/// each scorer gets its own copy with `step` inlined into it — a call per node would cost more
/// than the test itself.
enum LockstepWalk {
    /// Rows walked in lockstep through one tree.
    static let lanes = 8

    /// Adds, for each of `rows` rows (row `r` starting at `r * stride`), the sum over the trees
    /// of the value of the leaf it reaches to `out`.
    @inline(__always)
    static func addLeafValues(
        roots: UnsafeBufferPointer<Int32>, depths: UnsafeBufferPointer<Int32>, leafValues: UnsafeBufferPointer<Double>,
        rows: Int, stride: Int, into out: UnsafeMutablePointer<Double>, step: (Int, Int) -> Int
    ) {
        for tree in 0..<roots.count {
            let root = Int(roots[tree])
            let depth = Int(depths[tree])
            var start = 0
            while start < rows {
                // A short last group repeats its last row (results not kept).
                let last = rows &- 1
                let o0 = min(start, last) &* stride
                let o1 = min(start &+ 1, last) &* stride
                let o2 = min(start &+ 2, last) &* stride
                let o3 = min(start &+ 3, last) &* stride
                let o4 = min(start &+ 4, last) &* stride
                let o5 = min(start &+ 5, last) &* stride
                let o6 = min(start &+ 6, last) &* stride
                let o7 = min(start &+ 7, last) &* stride
                var r0 = root
                var r1 = root
                var r2 = root
                var r3 = root
                var r4 = root
                var r5 = root
                var r6 = root
                var r7 = root
                for _ in 0..<depth {
                    let n0 = step(r0, o0)
                    let n1 = step(r1, o1)
                    let n2 = step(r2, o2)
                    let n3 = step(r3, o3)
                    let n4 = step(r4, o4)
                    let n5 = step(r5, o5)
                    let n6 = step(r6, o6)
                    let n7 = step(r7, o7)
                    let moved =
                        (n0 ^ r0) | (n1 ^ r1) | (n2 ^ r2) | (n3 ^ r3) | (n4 ^ r4) | (n5 ^ r5) | (n6 ^ r6) | (n7 ^ r7)
                    r0 = n0
                    r1 = n1
                    r2 = n2
                    r3 = n3
                    r4 = n4
                    r5 = n5
                    r6 = n6
                    r7 = n7
                    if moved == 0 { break }
                }
                let count = rows &- start
                @inline(__always) func add(_ k: Int, _ ref: Int) {
                    if k < count { out[start &+ k] += leafValues[ref] }
                }
                add(0, r0)
                add(1, r1)
                add(2, r2)
                add(3, r3)
                add(4, r4)
                add(5, r5)
                add(6, r6)
                add(7, r7)
                start &+= lanes
            }
        }
    }
}
