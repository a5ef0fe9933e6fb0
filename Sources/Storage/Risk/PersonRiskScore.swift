/// One person's risk score from one model version, with the reasons that raised it most.
public struct PersonRiskScore: Sendable, Hashable {
    /// The person's ID number (18 digits); shown masked.
    public var idNumber: String
    public var modelSHA256: String
    /// The model's score (probability or anomaly score).
    public var score: Double
    /// The top reasons, largest first, as `feature=value (+weight)`.
    public var reasons: [String]
    /// The person's county, for region-scoped lists.
    public var regionCode: String?

    public init(idNumber: String, modelSHA256: String, score: Double, reasons: [String], regionCode: String?) {
        self.idNumber = idNumber
        self.modelSHA256 = modelSHA256
        self.score = score
        self.reasons = reasons
        self.regionCode = regionCode
    }
}
