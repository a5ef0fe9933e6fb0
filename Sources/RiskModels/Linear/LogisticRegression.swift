import Foundation

/// A logistic regression over standardised numeric features and one-hot categorical levels.
///
/// A numeric value enters as `(x − mean) / sd` (missing → 0, the mean); a categorical level
/// known from training adds its coefficient (missing or unseen levels add nothing). A feature
/// constant or empty in training has no coefficient. Each feature's contribution to the margin
/// is its term of the sum, so the contributions and the intercept add up to the margin.
public struct LogisticRegression: Codable, Sendable {
    /// The features, in column order.
    public let schema: FeatureSchema
    /// Per feature: how it enters the model.
    public let terms: [Term]
    /// The intercept (log-odds at the mean of every feature).
    public let intercept: Double
    /// The settings it was trained with.
    public let parameters: LogisticParameters
    /// What training saw and reached.
    public let summary: TrainingSummary

    /// How one feature enters the margin.
    public struct Term: Codable, Sendable, Equatable {
        /// Numeric: the training mean and standard deviation, and the coefficient of the
        /// standardised value (nil when the feature was constant or empty).
        public var mean: Double?
        public var standardDeviation: Double?
        public var coefficient: Double?
        /// Categorical: one coefficient per level code (0 for a level training never saw).
        public var levelCoefficients: [Double]?

        public init(mean: Double?, standardDeviation: Double?, coefficient: Double?, levelCoefficients: [Double]?) {
            self.mean = mean
            self.standardDeviation = standardDeviation
            self.coefficient = coefficient
            self.levelCoefficients = levelCoefficients
        }

        /// The term's value for a numeric cell.
        @inline(__always)
        func contribution(value: Double) -> Double {
            guard let coefficient, let mean, let standardDeviation, !value.isNaN else { return 0 }
            return coefficient * (value - mean) / standardDeviation
        }

        /// The term's value for a categorical code.
        @inline(__always)
        func contribution(code: Int32) -> Double {
            guard let levelCoefficients, code >= 0, Int(code) < levelCoefficients.count else { return 0 }
            return levelCoefficients[Int(code)]
        }
    }

    public init(
        schema: FeatureSchema, terms: [Term], intercept: Double, parameters: LogisticParameters,
        summary: TrainingSummary
    ) {
        self.schema = schema
        self.terms = terms
        self.intercept = intercept
        self.parameters = parameters
        self.summary = summary
    }

    /// The margins (log-odds) of every row of `data` (columns in schema order).
    public func margins(_ data: Dataset) throws(RiskModelError) -> [Double] {
        try checkColumns(data)
        var out = [Double](repeating: intercept, count: data.rowCount)
        for (term, column) in zip(terms, data.columns) {
            switch column {
            case .numeric(let values):
                guard term.coefficient != nil else { continue }
                for r in 0..<values.count { out[r] += term.contribution(value: values[r]) }
            case .categorical(let codes, _):
                for r in 0..<codes.count { out[r] += term.contribution(code: codes[r]) }
            }
        }
        return out
    }

    /// The probabilities of the positive class.
    public func probabilities(_ data: Dataset) throws(RiskModelError) -> [Double] {
        try margins(data).map(Metrics.sigmoid)
    }

    /// Each feature's term of one row's margin, in schema order, then the intercept: the
    /// array sums to the margin.
    public func contributions(_ data: Dataset, row: Int) throws(RiskModelError) -> [Double] {
        try checkColumns(data)
        var out: [Double] = zip(terms, data.columns).map { term, column in
            switch column {
            case .numeric(let values): term.contribution(value: values[row])
            case .categorical(let codes, _): term.contribution(code: codes[row])
            }
        }
        out.append(intercept)
        return out
    }

    func checkColumns(_ data: Dataset) throws(RiskModelError) {
        guard data.names == schema.names else {
            throw RiskModelError(
                .missingColumn,
                "logistic: the data's columns (\(data.names.joined(separator: ", "))) are not the model's "
                    + "(\(schema.names.joined(separator: ", "))); read the data with the model's schema")
        }
    }
}
