/// Any of the trained models, with an optional calibration, behind one scoring interface.
public struct RiskModel: Sendable {
    /// Which model.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case logistic
        case gbdt
        case iforest
    }

    /// The model itself.
    public enum Body: Sendable {
        case logistic(LogisticRegression)
        case gbdt(GradientBoostedTrees)
        case isolationForest(IsolationForest)
    }

    public let body: Body
    /// Applied to the raw score (probability, or anomaly score) when present.
    public let calibration: Calibration?

    public init(_ body: Body, calibration: Calibration? = nil) {
        self.body = body
        self.calibration = calibration
    }

    /// Which model.
    public var kind: Kind {
        switch body {
        case .logistic: .logistic
        case .gbdt: .gbdt
        case .isolationForest: .iforest
        }
    }

    /// The features the model reads.
    public var schema: FeatureSchema {
        switch body {
        case .logistic(let model): model.schema
        case .gbdt(let model): model.schema
        case .isolationForest(let model): model.schema
        }
    }

    /// What training saw and reached.
    public var summary: TrainingSummary {
        switch body {
        case .logistic(let model): model.summary
        case .gbdt(let model): model.summary
        case .isolationForest(let model): model.summary
        }
    }

    /// The raw scores: probabilities (supervised) or anomaly scores (isolation forest). Throws
    /// `.badValue` for an infinite value (see `Dataset.checkFinite`).
    public func rawScores(_ data: Dataset) throws(RiskModelError) -> [Double] {
        try data.checkFinite("scoring")
        return switch body {
        case .logistic(let model): try model.probabilities(data)
        case .gbdt(let model): try model.probabilities(data)
        case .isolationForest(let model): try model.scores(data)
        }
    }

    /// The scores, calibrated when the model carries a calibration.
    public func scores(_ data: Dataset) throws(RiskModelError) -> [Double] {
        let raw = try rawScores(data)
        guard let calibration else { return raw }
        return raw.map(calibration.apply)
    }

    /// Why one row scored as it did: the features that raised its score most, largest first
    /// (TreeSHAP values for trees, coefficient terms for logistic regression, both in log-odds;
    /// isolation credit shares for the forest). Only features that raised the score are listed.
    public func reasons(_ data: Dataset, row: Int, limit: Int = 3) throws(RiskModelError) -> [Reason] {
        let weights: [(Int, Double)]
        switch body {
        case .logistic(let model):
            weights = try model.contributions(data, row: row).dropLast().enumerated().map { ($0.offset, $0.element) }
        case .gbdt(let model):
            weights = try model.contributions(data, row: row).dropLast().enumerated().map { ($0.offset, $0.element) }
        case .isolationForest(let model):
            weights = try model.reasons(data, row: row).map { ($0.feature, $0.share) }
        }
        return weights.filter { $0.1 > 0 }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .prefix(limit)
            .map { Reason(feature: data.names[$0.0], value: data.reasonValue(row: row, feature: $0.0), weight: $0.1) }
    }
}

/// One reason for a score: a feature, the row's value of it, and how much it raised the score.
public struct Reason: Sendable, Equatable, CustomStringConvertible {
    public var feature: String
    /// The row's value as text, rounded for reading ("" when missing).
    public var value: String
    /// Log-odds added (supervised models) or the share of isolation credit (isolation forest).
    public var weight: Double

    public init(feature: String, value: String, weight: Double) {
        self.feature = feature
        self.value = value
        self.weight = weight
    }

    /// `feature=value (+0.532)`; the value is left out when missing.
    public var description: String {
        let shown = value.isEmpty ? feature + "=missing" : feature + "=" + value
        let rounded = (weight * 1000).rounded() / 1000
        return "\(shown) (+\(rounded))"
    }
}
