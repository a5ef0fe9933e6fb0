import Foundation
import Hummingbird
import Storage

extension AlertController {
    /// `sort=risk`: the alerts in order of combined risk (the rule's risk and the person's score
    /// from the newest risk model), highest first, ties by alert id; any other `sort` keeps the
    /// queue's own order. Reorders the page the filter selected.
    func sortedByRequest(_ alerts: [Alert], _ request: Request) async throws -> [Alert] {
        guard request.uri.queryParameters.get("sort") == "risk" else { return alerts }
        let scores = try await database.newestModelScores(of: alerts.map(\.finding.idNumber))
        let risk = alerts.map {
            FundWatchDatabase.combinedRisk(ruleRisk: $0.finding.riskScore, modelScore: scores[$0.finding.idNumber])
        }
        return alerts.indices.sorted { risk[$0] != risk[$1] ? risk[$0] > risk[$1] : alerts[$0].id < alerts[$1].id }
            .map { alerts[$0] }
    }
}
