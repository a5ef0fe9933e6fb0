/// An isolation forest laid out flat for scoring (see `FlatTrees` for the walk): per leaf, the
/// whole path length a row that ends there gets (its depth plus c(size) for the sample rows it
/// did not separate), so the sum of leaf values over the trees is the row's total path length.
struct CompiledForest: Sendable {
    private let flat: FlatTrees

    init(nodes source: [IsolationForest.Node], roots sourceRoots: [Int]) {
        var flat = FlatTrees()
        for root in sourceRoots {
            flat.appendTree(root: root) { index, depth in
                let node = source[index]
                guard node.feature >= 0 else {
                    return .leaf(Double(depth) + IsolationForest.averagePathLength(node.size))
                }
                return .numeric(
                    feature: node.feature, threshold: node.threshold, missingLeft: node.missingLeft, left: node.left,
                    right: node.right)
            }
        }
        self.flat = flat
    }

    static let blockRows = 128

    /// Adds each row's path lengths over all trees to `out` (row `r`'s values at
    /// `rowValues + r * stride`).
    func addPathLengths(
        _ rowValues: UnsafePointer<Double>, rows: Int, stride: Int, into out: UnsafeMutablePointer<Double>
    ) {
        flat.addLeafValues(rowValues, rows: rows, stride: stride, into: out)
    }
}
