import GRDB

/// An open finding with the person's model score and the risk the queue sorts by.
public struct CombinedRiskFinding: Sendable {
    public var finding: StoredFinding
    /// The person's score from the newest model version, when it scored them.
    public var modelScore: Double?
    /// `(riskScore / 100 + modelScore) / 2`, or `riskScore / 100` without a model score: the
    /// rule's own 0–100 risk and the model's 0–1 probability on one scale, equally weighted.
    public var combinedRisk: Double
}

extension FundWatchDatabase {
    /// Open findings in a scope ordered by combined risk (rule risk and model score), highest first.
    public func openFindingsByCombinedRisk(in scope: RegionScope, limit: Int = 200, offset: Int = 0) async throws
        -> [CombinedRiskFinding]
    {
        try await writer.read { db in
            let newest = try String.fetchOne(
                db, sql: "SELECT sha256 FROM risk_model ORDER BY recorded_at DESC, sha256 LIMIT 1")
            var arguments: StatementArguments = [newest]
            _ = arguments.append(contentsOf: Self.scopeArguments(scope))
            _ = arguments.append(contentsOf: [max(1, min(limit, 1000)), max(0, offset)])
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT f.*, s.score AS model_score,
                        CASE WHEN s.score IS NULL THEN f.risk_score / 100.0 ELSE (f.risk_score / 100.0 + s.score) / 2 END
                            AS combined_risk
                    FROM finding f LEFT JOIN risk_score s ON s.id_number = f.id_number AND s.model_sha256 = ?
                    WHERE f.status = 'open' AND \(Self.scopeClause(scope, column: "f.region_code"))
                    ORDER BY combined_risk DESC, f.id LIMIT ? OFFSET ?
                    """,
                arguments: arguments
            ).map { row in
                CombinedRiskFinding(
                    finding: Self.webFinding(row), modelScore: row["model_score"], combinedRisk: row["combined_risk"])
            }
        }
    }
}

extension FundWatchDatabase {
    /// The alert queue (`alerts(in:filter:)`'s open findings, scope and filter) ordered by
    /// combined risk over the whole queue, highest first, ties by alert id; `limit` and `offset`
    /// page through that order, so the first page holds the riskiest alerts of all.
    ///
    /// The filter is `alerts(in:filter:)`'s (`appendAlertFilter`); only the order differs.
    public func alertsByCombinedRisk(in scope: RegionScope, filter: AlertFilter = AlertFilter()) async throws -> [Alert] {
        try await writer.read { db in
            var sql = Self.alertSelect + """
                 LEFT JOIN risk_score s ON s.id_number = f.id_number
                    AND s.model_sha256 = (SELECT sha256 FROM risk_model ORDER BY recorded_at DESC, sha256 LIMIT 1)
                 WHERE f.status = 'open' AND
                """ + " " + Self.scopeClause(scope, column: "f.region_code")
            var arguments: StatementArguments = Self.scopeArguments(scope)
            Self.appendAlertFilter(filter, to: &sql, &arguments)
            // The same formula as `combinedRisk(ruleRisk:modelScore:)`.
            sql += """
                 ORDER BY CASE WHEN s.score IS NULL THEN f.risk_score / 100.0 ELSE (f.risk_score / 100.0 + s.score) / 2 END DESC,
                    f.id
                 LIMIT ? OFFSET ?
                """
            _ = arguments.append(contentsOf: [max(1, min(filter.limit, 1000)), max(0, filter.offset)])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.alert)
        }
    }
}

extension FundWatchDatabase {
    /// The persons' scores from the newest model version that scored persons (absent persons
    /// have none): what the alert queue's `sort=risk` combines with each rule's risk.
    public func newestModelScores(of idNumbers: [String]) async throws -> [String: Double] {
        let wanted = Array(Set(idNumbers))
        guard !wanted.isEmpty else { return [:] }
        return try await writer.read { db in
            guard
                let newest = try String.fetchOne(
                    db, sql: "SELECT sha256 FROM risk_model ORDER BY recorded_at DESC, sha256 LIMIT 1")
            else { return [:] }
            var scores: [String: Double] = [:]
            // In slices, under SQLite's limit on bound parameters.
            for start in stride(from: 0, to: wanted.count, by: 500) {
                let slice = Array(wanted[start..<min(wanted.count, start + 500)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                var arguments: StatementArguments = [newest]
                _ = arguments.append(contentsOf: StatementArguments(slice))
                for row in try Row.fetchAll(
                    db, sql: "SELECT id_number, score FROM risk_score WHERE model_sha256 = ? AND id_number IN (\(marks))",
                    arguments: arguments)
                {
                    scores[row["id_number"]] = row["score"]
                }
            }
            return scores
        }
    }

    /// Combined risk on the scale of `openFindingsByCombinedRisk`: the rule's 0–100 risk and
    /// the model's 0–1 score equally weighted, or the rule's alone without a model score.
    public static func combinedRisk(ruleRisk: Double, modelScore: Double?) -> Double {
        guard let modelScore else { return ruleRisk / 100 }
        return (ruleRisk / 100 + modelScore) / 2
    }
}
