public import RiskModels

/// One institution's place in the ranked risk list: an isolation-forest score among the
/// institutions of its role, and the features that isolated it soonest.
public struct InstitutionRisk: Sendable, Hashable {
    public var institutionID: String
    /// `medical` (hospitals, pharmacies) or `employer`.
    public var role: String
    public var regionCode: String?
    /// The anomaly score in (0, 1]; above about 0.6 stands out.
    public var score: Double
    /// `feature=value (+share)`, largest first.
    public var reasons: [String]
}

/// Ranks institutions by how unusual they are among their peers (medical institutions among
/// medical institutions, employers among employers), with an isolation forest trained on the
/// spot: no labels exist for institutions yet, and the forest's reasons say which ratios stand out.
public struct InstitutionRiskRanker: Sendable {
    public var parameters: IsolationForestParameters

    /// `seed` makes the ranking repeatable.
    public init(seed: UInt64) {
        parameters = IsolationForestParameters()
        parameters.seed = seed
    }

    /// Every institution with a score, highest first (roles with fewer than 8 institutions are
    /// left out: too few peers to call one unusual).
    public func rank(_ activities: [InstitutionActivity], reasons: Int = 3) throws(RiskModelError) -> [InstitutionRisk] {
        let extractor = InstitutionFeatureExtractor()
        var out = [InstitutionRisk]()
        for role in [InstitutionActivity.Role.medical, .employer] {
            let peers = activities.filter { $0.role == role }
            guard peers.count >= 8 else { continue }
            let full = extractor.dataset(for: peers)
            // Only the features of this role: the others are all missing.
            let kept = full.columns.indices.filter { c in
                guard case .numeric(let values) = full.columns[c] else { return false }
                return values.contains { !$0.isNaN }
            }
            let data = try Dataset(names: kept.map { full.names[$0] }, columns: kept.map { full.columns[$0] })
            let model = RiskModel(.isolationForest(try IsolationForest.train(data, parameters: parameters)))
            let scores = try model.scores(data)
            for (i, a) in peers.enumerated() {
                out.append(
                    InstitutionRisk(
                        institutionID: a.institutionID, role: role.rawValue, regionCode: a.regionCode, score: scores[i],
                        reasons: try model.reasons(data, row: i, limit: reasons).map(\.description)))
            }
        }
        return out.sorted { ($1.score, $0.institutionID) < ($0.score, $1.institutionID) }
    }
}
