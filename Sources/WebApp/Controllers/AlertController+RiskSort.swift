import Foundation
import Hummingbird
import Storage

extension AlertController {
    /// The queue a request asks for. `sort=risk`: ordered by combined risk (the rule's risk and
    /// the person's score from the newest risk model), highest first, ties by alert id, over the
    /// whole filtered queue, so `limit`/`offset` page through that order; any other `sort` keeps
    /// the queue's own order (severity, then rule risk).
    func queue(in scope: RegionScope, filter: AlertFilter, _ request: Request) async throws -> [Alert] {
        if request.uri.queryParameters.get("sort") == "risk" {
            return try await database.alertsByCombinedRisk(in: scope, filter: filter)
        }
        return try await database.alerts(in: scope, filter: filter)
    }
}
