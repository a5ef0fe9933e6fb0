import Dispatch
import Foundation

extension GradientBoostedTrees {
    /// Trains on `data` with 0/1 `labels`: binary log-loss, leaf-wise trees on histograms,
    /// early stopping on a held-out share of the rows (kept trees: up to the best validation
    /// log-loss). Deterministic for a given `parameters.seed`.
    ///
    /// Constant and empty features are ignored (listed in the summary). Throws when there are
    /// no rows, one class only, or no usable feature.
    public static func train(
        _ data: Dataset, labels: [Double], parameters: GBDTParameters = GBDTParameters(),
        progress: ((String) -> Void)? = nil
    ) throws(RiskModelError) -> GradientBoostedTrees {
        try train(data, labels: labels, parameters: parameters, layout: .automatic, progress: progress)
    }

    /// `train` with the histogram layout and the partition's piece size chosen (tests check that
    /// every layout and piece size grows the same trees).
    static func train(
        _ data: Dataset, labels: [Double], parameters: GBDTParameters, layout: TreeLearner.Layout,
        partitionPieceRows: Int = TreeLearner.partitionPieceRows, progress: ((String) -> Void)? = nil
    ) throws(RiskModelError) -> GradientBoostedTrees {
        try parameters.validate()
        try TrainingChecks.labels(labels, rows: data.rowCount)
        var generator = SeededGenerator(seed: parameters.seed)
        let (trainRows, validRows) = TrainingChecks.split(
            rowCount: data.rowCount, fraction: parameters.validationFraction, generator: &generator)
        let train = validRows.isEmpty ? data : data.rows(trainRows)
        let trainLabels = validRows.isEmpty ? labels : trainRows.map { labels[$0] }
        try TrainingChecks.labels(trainLabels, rows: train.rowCount)
        let valid = data.rows(validRows)
        let validLabels = validRows.map { labels[$0] }

        // Bin bounds from a sample of the training rows, as LightGBM does.
        let sampleRows: [Int]? =
            train.rowCount > parameters.binSampleSize
            ? TrainingChecks.sample(train.rowCount, parameters.binSampleSize, generator: &generator) : nil
        // One column per task on both cores (each sorts its sample).
        var mappers = [FeatureBins](
            repeating: FeatureBins(upperBounds: [], levelBins: nil, binCount: 2), count: train.columns.count)
        mappers.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            let columns = train.columns
            let maxBins = parameters.maxBins
            DispatchQueue.concurrentPerform(iterations: columns.count) { f in
                switch columns[f] {
                case .numeric(let values):
                    let sample = sampleRows.map { $0.map { values[$0] } } ?? values
                    out.pointer[f] = FeatureBins.numeric(sample: sample, maxBins: maxBins)
                case .categorical(let codes, let levels):
                    out.pointer[f] = FeatureBins.categorical(codes: codes, levelCount: levels.count, maxBins: maxBins)
                }
            }
        }
        let matrix = BinnedMatrix(train, mappers: mappers)
        let usable = TrainingChecks.usableFeatures(matrix, mappers: mappers)
        guard !usable.isEmpty else {
            throw RiskModelError(
                .noUsableFeature,
                "gbdt: every feature is constant or empty in the training rows (\(data.names.joined(separator: ", "))); "
                    + "nothing to split on")
        }
        let ignored = data.names.indices.filter { !usable.contains($0) }.map { data.names[$0] }
        let validMatrix = BinnedMatrix(valid, mappers: mappers)

        let n = train.rowCount
        let positives = trainLabels.reduce(0, +)
        let prior = positives / Double(n)
        let initialScore = log(prior / (1 - prior))
        var scores = [Double](repeating: initialScore, count: n)
        var validScores = [Double](repeating: initialScore, count: validRows.count)
        var pairs = [Float](repeating: 0, count: 2 * n)
        var leafOf = [UInt16](repeating: 0, count: n)
        let learner = TreeLearner(
            matrix: matrix, bins: mappers, usable: usable, parameters: parameters, layout: layout,
            partitionPieceRows: partitionPieceRows)
        var trees: [RegressionTree] = []
        var bestLoss = Double.infinity
        var bestCount = 0

        computeGradients(scores: scores, labels: trainLabels, pairs: &pairs)
        for iteration in 0..<parameters.iterations {
            let tree = learner.grow(pairs: pairs)
            trees.append(tree)
            // The new tree's values go to the training scores leaf by leaf over the learner's
            // partition (no tree walk), and the next tree's gradients are computed in the same
            // pass while the row's score is at hand: both cores, one leaf per task.
            updateScoresAndGradients(
                learner: learner, tree: tree, leafOf: &leafOf, scores: &scores, labels: trainLabels, pairs: &pairs)
            guard !validRows.isEmpty else { continue }
            let loss = updateValidation(tree, matrix: validMatrix, scores: &validScores, labels: validLabels)
            if loss < bestLoss - 1e-9 {
                bestLoss = loss
                bestCount = trees.count
            } else if trees.count - bestCount >= parameters.earlyStoppingRounds {
                progress?("gbdt: early stop at tree \(iteration + 1), best \(bestCount)")
                break
            }
            if (iteration + 1) % 10 == 0 {
                progress?("gbdt: \(iteration + 1) trees, validation log-loss \(String(format: "%.5f", loss))")
            }
        }
        if !validRows.isEmpty { trees.removeLast(trees.count - bestCount) }

        let model = GradientBoostedTrees(
            schema: data.schema, bins: mappers, initialScore: initialScore, trees: trees, parameters: parameters,
            summary: TrainingSummary(
                trainingRows: n, validationRows: validRows.count, trainingPositives: Int(positives),
                iterations: trees.count, validationAUC: nil, validationLogLoss: nil, ignoredFeatures: ignored))
        guard !validRows.isEmpty else { return model }
        let validProbabilities = try model.probabilities(valid)
        var summary = model.summary
        summary.validationAUC = Metrics.rocAUC(scores: validProbabilities, labels: validLabels)
        summary.validationLogLoss = Metrics.logLoss(probabilities: validProbabilities, labels: validLabels)
        return GradientBoostedTrees(
            schema: model.schema, bins: mappers, initialScore: initialScore, trees: trees, parameters: parameters,
            summary: summary)
    }

    /// Log-loss gradients and hessians as interleaved Float pairs (LightGBM keeps them in
    /// single precision too: half the bytes to gather per leaf), in chunks on both cores.
    private static func computeGradients(scores: [Double], labels: [Double], pairs: inout [Float]) {
        let n = scores.count
        let chunks = 8
        pairs.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in (n * c / chunks)..<(n * (c + 1) / chunks) {
                    setGradient(out.pointer, i, score: scores[i], label: labels[i])
                }
            }
        }
    }

    @inline(__always)
    private static func setGradient(_ pairs: UnsafeMutablePointer<Float>, _ i: Int, score: Double, label: Double) {
        let p = 1 / (1 + exp(-score))
        pairs[2 &* i] = Float(p - label)
        pairs[2 &* i &+ 1] = Float(max(p * (1 - p), 1e-16))
    }

    /// Adds the tree's leaf values to the training scores and recomputes the gradients, on
    /// both cores: first each row's leaf number is scattered from the learner's partition (two
    /// bytes a row, where three 8-byte arrays scattered would miss the cache), then one pass in
    /// row order updates score and gradient together.
    private static func updateScoresAndGradients(
        learner: TreeLearner, tree: RegressionTree, leafOf: inout [UInt16], scores: inout [Double],
        labels: [Double], pairs: inout [Float]
    ) {
        let leaves = learner.leaves
        let leafValues = tree.leaves.map(\.value)
        let n = scores.count
        let chunks = 8
        leafOf.withUnsafeMutableBufferPointer { leafBuffer in
            let leafOf = SendablePointer(leafBuffer.baseAddress!)
            learner.indices.withUnsafeBufferPointer { idx in
                let rows = SendableConstPointer(idx.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: leaves.count) { leafIndex in
                    let leaf = leaves[leafIndex]
                    for j in leaf.begin..<(leaf.begin + leaf.count) {
                        leafOf.pointer[Int(rows.pointer[j])] = UInt16(truncatingIfNeeded: leafIndex)
                    }
                }
            }
            scores.withUnsafeMutableBufferPointer { scoreBuffer in
                pairs.withUnsafeMutableBufferPointer { pairBuffer in
                    labels.withUnsafeBufferPointer { labelBuffer in
                        let score = SendablePointer(scoreBuffer.baseAddress!)
                        let pair = SendablePointer(pairBuffer.baseAddress!)
                        let label = SendableConstPointer(labelBuffer.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: chunks) { c in
                            for row in (n * c / chunks)..<(n * (c + 1) / chunks) {
                                let s = score.pointer[row] + leafValues[Int(leafOf.pointer[row])]
                                score.pointer[row] = s
                                setGradient(pair.pointer, row, score: s, label: label.pointer[row])
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds the tree's values to the held-out rows' scores (a walk over their bins, in chunks on
    /// both cores) and returns their log-loss.
    private static func updateValidation(
        _ tree: RegressionTree, matrix: BinnedMatrix, scores: inout [Double], labels: [Double]
    ) -> Double {
        let m = matrix.rowCount
        let chunks = 8
        var losses = [Double](repeating: 0, count: chunks)
        matrix.bins.withUnsafeBufferPointer { vb in
            let bins = SendableConstPointer(vb.baseAddress!)
            scores.withUnsafeMutableBufferPointer { scoreBuffer in
                losses.withUnsafeMutableBufferPointer { lossBuffer in
                    let score = SendablePointer(scoreBuffer.baseAddress!)
                    let loss = SendablePointer(lossBuffer.baseAddress!)
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        var total = 0.0
                        for r in (m * c / chunks)..<(m * (c + 1) / chunks) {
                            let s = score.pointer[r] + tree.value { Int(bins.pointer[$0 &* m &+ r]) }
                            score.pointer[r] = s
                            // Log-loss as Metrics.logLoss computes it.
                            let q = min(max(Metrics.sigmoid(s), 1e-15), 1 - 1e-15)
                            total -= labels[r] > 0.5 ? log(q) : log(1 - q)
                        }
                        loss.pointer[c] = total
                    }
                }
            }
        }
        return m == 0 ? 0 : losses.reduce(0, +) / Double(m)
    }
}
