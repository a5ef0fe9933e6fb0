import Dispatch
import Foundation

extension LogisticRegression {
    /// Fits the model to 0/1 `labels` by L-BFGS on the L2-penalised, optionally class-weighted
    /// log-loss. Deterministic for a given `parameters.seed` (which only picks held-out rows).
    ///
    /// Constant and empty features get no coefficient (listed in the summary). Throws when
    /// there are no rows, one class only, or no usable feature.
    public static func train(
        _ data: Dataset, labels: [Double], parameters: LogisticParameters = LogisticParameters()
    ) throws(RiskModelError) -> LogisticRegression {
        try parameters.validate()
        try TrainingChecks.labels(labels, rows: data.rowCount)
        var generator = SeededGenerator(seed: parameters.seed)
        let (trainRows, validRows) = TrainingChecks.split(
            rowCount: data.rowCount, fraction: parameters.validationFraction, generator: &generator)
        let train = validRows.isEmpty ? data : data.rows(trainRows)
        let y = validRows.isEmpty ? labels : trainRows.map { labels[$0] }
        try TrainingChecks.labels(y, rows: train.rowCount)
        let n = train.rowCount

        // Standardise numeric columns; give every categorical level seen a coefficient slot.
        var numeric: [(feature: Int, values: [Double])] = []
        var categorical: [(feature: Int, codes: [Int32], offset: Int, levels: Int)] = []
        var terms = [Term](
            repeating: Term(mean: nil, standardDeviation: nil, coefficient: nil, levelCoefficients: nil),
            count: train.columns.count)
        var ignored: [String] = []
        var width = 1
        for (f, column) in train.columns.enumerated() {
            switch column {
            case .numeric(let values):
                let present = values.filter { !$0.isNaN }
                guard present.count > 0 else {
                    ignored.append(train.names[f])
                    continue
                }
                let mean = present.reduce(0, +) / Double(present.count)
                let variance = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count)
                guard variance > 0 else {
                    ignored.append(train.names[f])
                    continue
                }
                let sd = variance.squareRoot()
                terms[f].mean = mean
                terms[f].standardDeviation = sd
                numeric.append((f, values.map { $0.isNaN ? 0 : ($0 - mean) / sd }))
                width += 1
            case .categorical(let codes, let levels):
                let distinct = Set(codes.filter { $0 >= 0 })
                // One level present everywhere (nothing missing) carries no information.
                if distinct.count == 0 || (distinct.count == 1 && !codes.contains(-1)) {
                    ignored.append(train.names[f])
                    terms[f].levelCoefficients = [Double](repeating: 0, count: levels.count)
                    continue
                }
                categorical.append((f, codes, width, levels.count))
                width += levels.count
            }
        }
        guard !numeric.isEmpty || !categorical.isEmpty else {
            throw RiskModelError(
                .noUsableFeature,
                "logistic: every feature is constant or empty in the training rows (\(data.names.joined(separator: ", ")))")
        }

        let positives = y.reduce(0, +)
        let weights: (positive: Double, negative: Double) =
            parameters.classWeight == .balanced
            ? (Double(n) / (2 * positives), Double(n) / (2 * (Double(n) - positives))) : (1, 1)
        let totalWeight = weights.positive * positives + weights.negative * (Double(n) - positives)
        let numericColumns = numeric.map(\.values)
        let categoricalColumns = categorical.map { ($0.codes, $0.offset) }
        let l2 = parameters.l2
        let chunks = 8

        func objective(_ theta: [Double]) -> (Double, [Double]) {
            var partialLoss = [Double](repeating: 0, count: chunks)
            var partialGradient = [[Double]](repeating: [], count: chunks)
            partialLoss.withUnsafeMutableBufferPointer { lossBuffer in
                partialGradient.withUnsafeMutableBufferPointer { gradientBuffer in
                    let losses = SendablePointer(lossBuffer.baseAddress!)
                    let gradients = SendablePointer(gradientBuffer.baseAddress!)
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        let start = n * c / chunks
                        let end = n * (c + 1) / chunks
                        var margin = [Double](repeating: theta[0], count: end - start)
                        for (j, column) in numericColumns.enumerated() {
                            let beta = theta[1 + j]
                            for r in start..<end { margin[r - start] += beta * column[r] }
                        }
                        for (codes, offset) in categoricalColumns {
                            for r in start..<end where codes[r] >= 0 { margin[r - start] += theta[offset + Int(codes[r])] }
                        }
                        var loss = 0.0
                        var gradient = [Double](repeating: 0, count: theta.count)
                        // Reuse `margin` for the weighted residuals.
                        for r in start..<end {
                            let m = margin[r - start]
                            let positive = y[r] > 0.5
                            let w = positive ? weights.positive : weights.negative
                            let softplus = m > 0 ? m + log1p(exp(-m)) : log1p(exp(m))
                            loss += w * (softplus - (positive ? m : 0))
                            margin[r - start] = w * (1 / (1 + exp(-m)) - (positive ? 1 : 0))
                        }
                        for r in start..<end { gradient[0] += margin[r - start] }
                        for (j, column) in numericColumns.enumerated() {
                            var sum = 0.0
                            for r in start..<end { sum += margin[r - start] * column[r] }
                            gradient[1 + j] = sum
                        }
                        for (codes, offset) in categoricalColumns {
                            for r in start..<end where codes[r] >= 0 { gradient[offset + Int(codes[r])] += margin[r - start] }
                        }
                        losses.pointer[c] = loss
                        gradients.pointer[c] = gradient
                    }
                }
            }
            var loss = partialLoss.reduce(0, +)
            var gradient = [Double](repeating: 0, count: theta.count)
            for part in partialGradient {
                for k in gradient.indices { gradient[k] += part[k] }
            }
            for k in 1..<theta.count {
                loss += 0.5 * l2 * theta[k] * theta[k]
                gradient[k] += l2 * theta[k]
            }
            return (loss, gradient)
        }

        var start = [Double](repeating: 0, count: width)
        let weightedPrior = weights.positive * positives / totalWeight
        start[0] = log(weightedPrior / (1 - weightedPrior))
        let optimiser = LBFGS(
            memory: 10, maxIterations: parameters.maxIterations, gradientTolerance: parameters.tolerance * totalWeight)
        let (theta, iterations) = optimiser.minimize(from: start, objective)

        for (j, entry) in numeric.enumerated() { terms[entry.feature].coefficient = theta[1 + j] }
        for entry in categorical {
            terms[entry.feature].levelCoefficients = Array(theta[entry.offset..<(entry.offset + entry.levels)])
        }
        var model = LogisticRegression(
            schema: data.schema, terms: terms, intercept: theta[0], parameters: parameters,
            summary: TrainingSummary(
                trainingRows: n, validationRows: validRows.count, trainingPositives: Int(positives),
                iterations: iterations, validationAUC: nil, validationLogLoss: nil, ignoredFeatures: ignored))
        if !validRows.isEmpty {
            let valid = data.rows(validRows)
            let validLabels = validRows.map { labels[$0] }
            let p = try model.probabilities(valid)
            var summary = model.summary
            summary.validationAUC = Metrics.rocAUC(scores: p, labels: validLabels)
            summary.validationLogLoss = Metrics.logLoss(probabilities: p, labels: validLabels)
            model = LogisticRegression(
                schema: model.schema, terms: terms, intercept: theta[0], parameters: parameters, summary: summary)
        }
        return model
    }
}
