/// One retrained model version and its held-out quality, as stored (migration 016).
public struct ModelQualityRecord: Sendable, Hashable, Encodable {
    /// The SHA-256 of the model file: the version's identity.
    public var modelSHA256: String
    public var kind: String
    /// When it was trained (RFC 3339 UTC).
    public var trainedAt: String
    /// Labelled persons it learnt from (training and held-out rows together).
    public var labels: Int
    /// Labels the previous version did not have.
    public var newLabels: Int
    /// Labels that came from decided cases (the rest from a simulator's truth).
    public var caseLabels: Int
    public var trainingRows: Int
    public var heldOutRows: Int
    public var heldOutPositives: Int
    /// Held-out ROC-AUC; nil when the held-out rows hold one class.
    public var rocAUC: Double?
    public var topK: Int
    /// Share of confirmed fraud among the top-k held-out scores.
    public var precisionAtK: Double?
    /// The ledger entry that records the version.
    public var ledgerIndex: Int64?

    public init(
        modelSHA256: String, kind: String, trainedAt: String, labels: Int, newLabels: Int, caseLabels: Int,
        trainingRows: Int, heldOutRows: Int, heldOutPositives: Int, rocAUC: Double?, topK: Int,
        precisionAtK: Double?, ledgerIndex: Int64?
    ) {
        self.modelSHA256 = modelSHA256
        self.kind = kind
        self.trainedAt = trainedAt
        self.labels = labels
        self.newLabels = newLabels
        self.caseLabels = caseLabels
        self.trainingRows = trainingRows
        self.heldOutRows = heldOutRows
        self.heldOutPositives = heldOutPositives
        self.rocAUC = rocAUC
        self.topK = topK
        self.precisionAtK = precisionAtK
        self.ledgerIndex = ledgerIndex
    }
}
