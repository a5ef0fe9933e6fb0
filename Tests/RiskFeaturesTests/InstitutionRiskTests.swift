import FundWatchCore
import RiskFeatures
import RiskModels
import Testing

@Suite("Institution features and ranking")
struct InstitutionRiskTests {
    /// Twelve hospitals with ten patients each; hospital H11 settles large bills for the dead.
    static func county() -> [PersonTimeline] {
        var timelines = [PersonTimeline]()
        for h in 0..<12 {
            for p in 0..<10 {
                let id = Town.id("1960-01-01", h * 10 + p + 1)
                let suspicious = h == 11
                let fund = suspicious ? Int64(4_000_000 + 10_000 * p) : Int64(20_000 + 1_000 * p + 300 * h)
                let settlement = MedicalSettlement(
                    settlementID: "S\(h)-\(p)", idNumber: id, institutionID: "H\(h)", visit: .outpatient,
                    admissionDate: Town.date("2025-05-10"), totalAmount: Money(fen: fund * 2), fundAmount: Money(fen: fund),
                    regionCode: "370102")
                let deaths =
                    suspicious ? [DeathRecord(idNumber: id, deathDate: Town.date("2025-01-02"), source: .civilAffairs)] : []
                timelines.append(PersonTimeline(idNumber: id, settlements: [settlement], deaths: deaths))
            }
        }
        return timelines
    }

    @Test("institution features are ratios of what the timelines show; the other role's features are missing")
    func features() throws {
        let timelines = Self.county()
        let activities = InstitutionActivity.collect(timelines, context: PopulationContext(timelines: timelines))
        #expect(activities.count == 12)
        let data = InstitutionFeatureExtractor().dataset(for: activities)
        func column(_ f: InstitutionFeature) -> [Double] {
            guard case .numeric(let values) = data.columns[f.rawValue] else { return [] }
            return values
        }
        let h11 = try #require(activities.firstIndex { $0.institutionID == "H11" })
        let h0 = try #require(activities.firstIndex { $0.institutionID == "H0" })
        #expect(column(.afterDeathShare)[h11] == 1)
        #expect(column(.afterDeathShare)[h0] == 0)
        #expect(column(.patients)[h0] == 10)
        #expect(column(.outlierSettlementShare)[h11] == 1)
        #expect(column(.insuredStaff)[h0].isNaN)
        #expect(activities[h0].regionCode == "370102")
    }

    @Test("the ranking puts the hospital that settles for the dead first, with reasons")
    func ranking() throws {
        let timelines = Self.county()
        let activities = InstitutionActivity.collect(timelines, context: PopulationContext(timelines: timelines))
        let ranked = try InstitutionRiskRanker(seed: 3).rank(activities)
        #expect(ranked.count == 12)
        #expect(ranked.first?.institutionID == "H11")
        #expect(ranked.first?.role == "medical")
        #expect(ranked.first?.reasons.isEmpty == false)
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.score >= $1.score })
        // Same seed, same ranking.
        #expect(try InstitutionRiskRanker(seed: 3).rank(activities) == ranked)
    }

    @Test("too few peers: no ranking rather than a guess")
    func fewPeers() throws {
        let timelines = Array(Self.county().prefix(50))  // hospitals H0…H4
        let activities = InstitutionActivity.collect(timelines, context: PopulationContext(timelines: timelines))
        #expect(try InstitutionRiskRanker(seed: 0).rank(activities).isEmpty)
    }
}
