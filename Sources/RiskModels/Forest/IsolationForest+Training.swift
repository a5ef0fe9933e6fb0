import Foundation

extension IsolationForest {
    /// Grows the forest from `data` (no labels): each tree from `sampleSize` rows drawn
    /// without replacement, splitting a feature chosen at random among those not constant in
    /// the node at a point drawn uniformly between its least and greatest value (values up to
    /// it go left), down to depth ⌈log2 ψ⌉. Missing values follow scikit-learn's random
    /// splitter, so that scores compare with its IsolationForest on gappy data. Deterministic
    /// for a given `parameters.seed`.
    ///
    /// Throws when there are no rows or every feature is constant or empty.
    public static func train(
        _ data: Dataset, parameters: IsolationForestParameters = IsolationForestParameters()
    ) throws(RiskModelError) -> IsolationForest {
        try parameters.validate()
        let n = data.rowCount
        guard n > 0 else { throw RiskModelError(.emptyData, "iforest: no rows to train on") }
        let featureCount = data.columns.count
        let levelShares: [[Double]?] = data.columns.map { column in
            guard case .categorical(let codes, let levels) = column else { return nil }
            var counts = [Double](repeating: 0, count: levels.count)
            for code in codes where code >= 0 { counts[Int(code)] += 1 }
            return counts.map { $0 / Double(n) }
        }
        let schema = data.schema
        let shell = IsolationForest(
            schema: schema, parameters: parameters,
            summary: TrainingSummary(
                trainingRows: n, validationRows: 0, trainingPositives: 0, iterations: 0, validationAUC: nil,
                validationLogLoss: nil, ignoredFeatures: []),
            levelShares: levelShares, nodes: [], roots: [], samplesPerTree: 0)
        let values = shell.rowMajor(data, start: 0, end: n)

        // A feature is usable when it takes two values somewhere, or one value and missing
        // cells (which a split can part).
        let usable = (0..<featureCount).filter { f in
            var low = Double.infinity
            var high = -Double.infinity
            var missing = false
            for r in 0..<n {
                let x = values[r * featureCount + f]
                if x.isNaN {
                    missing = true
                } else {
                    low = min(low, x)
                    high = max(high, x)
                }
                if low < high || (missing && low <= high) { return true }
            }
            return false
        }
        guard !usable.isEmpty else {
            throw RiskModelError(
                .noUsableFeature,
                "iforest: every feature is constant or empty (\(data.names.joined(separator: ", "))); nothing to isolate on")
        }
        let psi = min(parameters.sampleSize, n)
        let heightLimit = Int(ceil(log2(Double(max(psi, 2)))))
        var generator = SeededGenerator(seed: parameters.seed)
        var nodes: [Node] = []
        var roots: [Int] = []
        for _ in 0..<parameters.trees {
            var treeGenerator = generator.split()
            let sample = TrainingChecks.sample(n, psi, generator: &treeGenerator)
            var builder = Builder(
                values: values, featureCount: featureCount, usable: usable, heightLimit: heightLimit,
                generator: treeGenerator, nodes: nodes)
            roots.append(builder.grow(sample, depth: 0))
            nodes = builder.nodes
        }
        let ignored = (0..<featureCount).filter { !usable.contains($0) }.map { data.names[$0] }
        return IsolationForest(
            schema: schema, parameters: parameters,
            summary: TrainingSummary(
                trainingRows: n, validationRows: 0, trainingPositives: 0, iterations: parameters.trees,
                validationAUC: nil, validationLogLoss: nil, ignoredFeatures: ignored),
            levelShares: levelShares, nodes: nodes, roots: roots, samplesPerTree: psi)
    }

    /// Grows one tree into the shared node array.
    private struct Builder {
        let values: [Double]
        let featureCount: Int
        let usable: [Int]
        let heightLimit: Int
        var generator: SeededGenerator
        var nodes: [Node]

        mutating func grow(_ rows: [Int], depth: Int) -> Int {
            let index = nodes.count
            nodes.append(Node(feature: -1, threshold: 0, missingLeft: false, left: -1, right: -1, size: rows.count))
            guard depth < heightLimit, rows.count > 1 else { return index }
            // The features that can still split these rows, as scikit-learn's random splitter
            // decides (1.6 and later): some value present, and either two distinct values or
            // missing cells beside a single value (a split can then part missing from present).
            var candidates: [(feature: Int, low: Double, high: Double, missing: Bool)] = []
            for f in usable {
                var low = Double.infinity
                var high = -Double.infinity
                var missing = false
                for r in rows {
                    let x = values[r * featureCount + f]
                    if x.isNaN {
                        missing = true
                        continue
                    }
                    if x < low { low = x }
                    if x > high { high = x }
                }
                if low < high || (low == high && missing) { candidates.append((f, low, high, missing)) }
            }
            guard !candidates.isEmpty else { return index }
            let pick = candidates[Int(generator.next() % UInt64(candidates.count))]
            var threshold = pick.low + generator.nextUnit() * (pick.high - pick.low)
            if threshold >= pick.high { threshold = pick.low }
            // Missing cells all go to one side, drawn by a coin flip; with none in the sample a
            // missing value met at scoring time follows the larger side (scikit-learn's rules).
            let missingCoin = pick.missing ? generator.next() & 1 == 0 : false
            var left: [Int] = []
            var right: [Int] = []
            var missing: [Int] = []
            for r in rows {
                let x = values[r * featureCount + pick.feature]
                if x.isNaN { missing.append(r) } else if x <= threshold { left.append(r) } else { right.append(r) }
            }
            let missingLeft = pick.missing ? missingCoin : left.count > right.count
            if missingLeft { left += missing } else { right += missing }
            // A single present value with its missing cells flipped onto its side parts
            // nothing: scikit-learn rejects the split and the node stays a leaf.
            guard !left.isEmpty, !right.isEmpty else { return index }
            let leftIndex = grow(left, depth: depth + 1)
            let rightIndex = grow(right, depth: depth + 1)
            nodes[index] = Node(
                feature: pick.feature, threshold: threshold, missingLeft: missingLeft, left: leftIndex,
                right: rightIndex, size: rows.count)
            return index
        }
    }
}
