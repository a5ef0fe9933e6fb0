/// A model version that scored persons, as stored: its file's SHA-256, kind, features and the
/// quality training reported.
public struct RiskModelVersion: Sendable, Hashable {
    /// The SHA-256 of the model file (lower-case hex): the version's identity.
    public var sha256: String
    /// logistic, gbdt or iforest.
    public var kind: String
    /// The feature names the model reads.
    public var features: [String]
    public var trainingRows: Int
    /// Held-out ROC-AUC, when training measured one.
    public var validationAUC: Double?
    /// When it was recorded (RFC 3339 UTC).
    public var recordedAt: String
    /// Its entry in the ledger, once recorded there.
    public var ledgerIndex: Int64?

    public init(
        sha256: String, kind: String, features: [String], trainingRows: Int, validationAUC: Double?,
        recordedAt: String, ledgerIndex: Int64? = nil
    ) {
        self.sha256 = sha256
        self.kind = kind
        self.features = features
        self.trainingRows = trainingRows
        self.validationAUC = validationAUC
        self.recordedAt = recordedAt
        self.ledgerIndex = ledgerIndex
    }
}
