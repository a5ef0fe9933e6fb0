/// What training saw and reached, saved with the model (for the ledger and the model-quality
/// page).
public struct TrainingSummary: Codable, Sendable, Equatable {
    /// Rows used to fit the model.
    public var trainingRows: Int
    /// Rows held out (early stopping, calibration); 0 when none.
    public var validationRows: Int
    /// Positive labels among the training rows.
    public var trainingPositives: Int
    /// Trees kept (GBDT), optimiser iterations (logistic), trees (isolation forest).
    public var iterations: Int
    /// ROC-AUC on the held-out rows, when there were held-out rows of both classes.
    public var validationAUC: Double?
    /// Log-loss on the held-out rows, when there were any (supervised models).
    public var validationLogLoss: Double?
    /// Features left out because they were constant or empty in the training rows.
    public var ignoredFeatures: [String]

    public init(
        trainingRows: Int, validationRows: Int, trainingPositives: Int, iterations: Int, validationAUC: Double?,
        validationLogLoss: Double?, ignoredFeatures: [String]
    ) {
        self.trainingRows = trainingRows
        self.validationRows = validationRows
        self.trainingPositives = trainingPositives
        self.iterations = iterations
        self.validationAUC = validationAUC
        self.validationLogLoss = validationLogLoss
        self.ignoredFeatures = ignoredFeatures
    }
}
