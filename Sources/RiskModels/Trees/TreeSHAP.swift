/// Exact SHAP values of one tree for one row: Lundberg, Erion and Lee's polynomial-time
/// TreeSHAP ("Consistent individualized feature attribution for tree ensembles", Algorithm 2),
/// with the path-dependent expectation (each node's cover weights the branch a feature
/// outside the coalition takes).
///
/// For every row, the contributions plus the tree's expected value equal the tree's value.
enum TreeSHAP {
    private struct PathElement {
        var feature: Int
        var zeroFraction: Double
        var oneFraction: Double
        var weight: Double
    }

    /// Adds the tree's contributions for the row with bins `rowBins` to `phi[0..<featureCount]`
    /// and its expected value to `phi[featureCount]`.
    static func accumulate(_ tree: RegressionTree, rowBins: [Int], into phi: inout [Double]) {
        let featureCount = phi.count - 1
        guard !tree.nodes.isEmpty else {
            phi[featureCount] += tree.leaves[0].value
            return
        }
        phi[featureCount] += expectedValue(tree)
        let depth = tree.depth + 2
        var path = [PathElement](
            repeating: PathElement(feature: -1, zeroFraction: 0, oneFraction: 0, weight: 0),
            count: depth * (depth + 1) / 2 + depth)
        path.withUnsafeMutableBufferPointer { buffer in
            recurse(
                tree, rowBins, &phi, buffer.baseAddress!, node: tree.root, depth: 0, zeroFraction: 1, oneFraction: 1,
                feature: -1)
        }
    }

    /// The cover-weighted mean of the leaf values.
    static func expectedValue(_ tree: RegressionTree) -> Double {
        let total = tree.leaves.reduce(0) { $0 + $1.cover }
        guard total > 0 else { return tree.leaves.reduce(0) { $0 + $1.value } / Double(tree.leaves.count) }
        return tree.leaves.reduce(0) { $0 + $1.value * $1.cover } / total
    }

    private static func recurse(
        _ tree: RegressionTree, _ rowBins: [Int], _ phi: inout [Double], _ parentPath: UnsafeMutablePointer<PathElement>,
        node ref: Int, depth parentDepth: Int, zeroFraction: Double, oneFraction: Double, feature: Int
    ) {
        var depth = parentDepth
        // This level's copy of the path sits right after the parent's.
        let path = parentPath + depth + 1
        path.update(from: parentPath, count: depth + 1)
        extend(path, depth, zeroFraction, oneFraction, feature)

        if ref < 0 {
            let value = tree.leaves[~ref].value
            if depth >= 1 {
                for i in 1...depth {
                    let w = unwoundSum(path, depth, i)
                    let element = path[i]
                    phi[element.feature] += w * (element.oneFraction - element.zeroFraction) * value
                }
            }
            return
        }
        let node = tree.nodes[ref]
        let goesLeft = node.goesLeft(rowBins[node.feature])
        let hot = goesLeft ? node.left : node.right
        let cold = goesLeft ? node.right : node.left
        let cover = node.cover
        let hotZero = cover > 0 ? tree.cover(hot) / cover : 0.5
        let coldZero = cover > 0 ? tree.cover(cold) / cover : 0.5
        var incomingZero = 1.0
        var incomingOne = 1.0
        // A feature met again on the path: undo its earlier split so it is counted once.
        var pathIndex = 0
        while pathIndex <= depth, path[pathIndex].feature != node.feature { pathIndex += 1 }
        if pathIndex != depth + 1 {
            incomingZero = path[pathIndex].zeroFraction
            incomingOne = path[pathIndex].oneFraction
            unwind(path, depth, pathIndex)
            depth -= 1
        }
        recurse(
            tree, rowBins, &phi, path, node: hot, depth: depth + 1, zeroFraction: hotZero * incomingZero,
            oneFraction: incomingOne, feature: node.feature)
        recurse(
            tree, rowBins, &phi, path, node: cold, depth: depth + 1, zeroFraction: coldZero * incomingZero,
            oneFraction: 0, feature: node.feature)
    }

    private static func extend(
        _ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ zero: Double, _ one: Double, _ feature: Int
    ) {
        path[depth] = PathElement(feature: feature, zeroFraction: zero, oneFraction: one, weight: depth == 0 ? 1 : 0)
        var i = depth - 1
        while i >= 0 {
            path[i + 1].weight += one * path[i].weight * Double(i + 1) / Double(depth + 1)
            path[i].weight = zero * path[i].weight * Double(depth - i) / Double(depth + 1)
            i -= 1
        }
    }

    private static func unwind(_ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ index: Int) {
        let one = path[index].oneFraction
        let zero = path[index].zeroFraction
        var next = path[depth].weight
        var i = depth - 1
        while i >= 0 {
            if one != 0 {
                let saved = path[i].weight
                path[i].weight = next * Double(depth + 1) / (Double(i + 1) * one)
                next = saved - path[i].weight * zero * Double(depth - i) / Double(depth + 1)
            } else {
                path[i].weight = path[i].weight * Double(depth + 1) / (zero * Double(depth - i))
            }
            i -= 1
        }
        for j in index..<depth {
            path[j].feature = path[j + 1].feature
            path[j].zeroFraction = path[j + 1].zeroFraction
            path[j].oneFraction = path[j + 1].oneFraction
        }
    }

    private static func unwoundSum(_ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ index: Int) -> Double {
        let one = path[index].oneFraction
        let zero = path[index].zeroFraction
        var next = path[depth].weight
        var total = 0.0
        var i = depth - 1
        while i >= 0 {
            if one != 0 {
                let t = next * Double(depth + 1) / (Double(i + 1) * one)
                total += t
                next = path[i].weight - t * zero * Double(depth - i) / Double(depth + 1)
            } else {
                total += path[i].weight / zero / (Double(depth - i) / Double(depth + 1))
            }
            i -= 1
        }
        return total
    }
}
