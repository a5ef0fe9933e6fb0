/// Options for `RiskModel.train`, the one entry point the command line and the web app use.
public struct RiskTrainingOptions: Sendable {
    /// Which calibration to fit on top of the model's raw score.
    public enum CalibrationMethod: String, Sendable, CaseIterable {
        case none
        case platt
        case isotonic
    }

    public var gbdt = GBDTParameters()
    public var logistic = LogisticParameters()
    public var isolationForest = IsolationForestParameters()
    public var calibration = CalibrationMethod.none

    public init() {}

    /// Sets the seed of every model.
    public mutating func setSeed(_ seed: UInt64) {
        gbdt.seed = seed
        logistic.seed = seed
        isolationForest.seed = seed
    }
}

extension RiskModel {
    /// Trains a model of `kind`. Supervised models need `labels`; the isolation forest ignores
    /// them for training but a calibration needs them.
    ///
    /// A calibration of a supervised model is fitted on its held-out rows (the same seeded
    /// split as its early stopping or quality report); of an isolation forest, on every
    /// labelled row.
    public static func train(
        kind: Kind, data: Dataset, labels: [Double]?, options: RiskTrainingOptions = RiskTrainingOptions(),
        progress: ((String) -> Void)? = nil
    ) throws(RiskModelError) -> RiskModel {
        try data.checkFinite("training")
        let body: Body
        switch kind {
        case .logistic, .gbdt:
            guard let labels else {
                throw RiskModelError(
                    .badLabel, "\(kind.rawValue) is supervised: name the label column (0/1), or use iforest")
            }
            if kind == .logistic {
                body = .logistic(try LogisticRegression.train(data, labels: labels, parameters: options.logistic))
            } else {
                body = .gbdt(
                    try GradientBoostedTrees.train(data, labels: labels, parameters: options.gbdt, progress: progress))
            }
        case .iforest:
            body = .isolationForest(try IsolationForest.train(data, parameters: options.isolationForest))
        }
        let uncalibrated = RiskModel(body)
        guard options.calibration != .none else { return uncalibrated }
        guard let labels else {
            throw RiskModelError(.badLabel, "calibration needs labels: name the label column, or calibrate none")
        }
        // The held-out rows of the model's own seeded split (a shuffle of every row: only
        // worth doing when a calibration is fitted on them).
        let heldOut: [Int]
        switch kind {
        case .logistic, .gbdt:
            let seed = kind == .logistic ? options.logistic.seed : options.gbdt.seed
            let fraction = kind == .logistic ? options.logistic.validationFraction : options.gbdt.validationFraction
            var generator = SeededGenerator(seed: seed)
            heldOut = TrainingChecks.split(rowCount: data.rowCount, fraction: fraction, generator: &generator).valid
        case .iforest:
            heldOut = Array(0..<data.rowCount)
        }
        guard !heldOut.isEmpty else {
            throw RiskModelError(
                .emptyData, "calibration needs held-out rows: too few rows, or the validation fraction is 0")
        }
        let raw = try uncalibrated.rawScores(data.rows(heldOut))
        let heldLabels = heldOut.map { labels[$0] }
        let calibration =
            options.calibration == .platt
            ? try Calibration.fitPlatt(scores: raw, labels: heldLabels)
            : try Calibration.fitIsotonic(scores: raw, labels: heldLabels)
        return RiskModel(body, calibration: calibration)
    }
}
