/// One institution's stored place in the risk ranking.
public struct InstitutionRiskScore: Sendable, Hashable, Codable {
    public var institutionID: String
    /// `medical` or `employer`.
    public var role: String
    public var regionCode: String?
    public var score: Double
    /// `feature=value (+share)`, largest first.
    public var reasons: [String]

    public init(institutionID: String, role: String, regionCode: String?, score: Double, reasons: [String]) {
        self.institutionID = institutionID
        self.role = role
        self.regionCode = regionCode
        self.score = score
        self.reasons = reasons
    }
}
