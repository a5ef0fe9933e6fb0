import Foundation
import GRDB

extension FundWatchDatabase {
    /// Replaces the institution ranking with `scores`, in one transaction.
    public func replaceInstitutionRisks(_ scores: [InstitutionRiskScore], at time: String) async throws {
        let encoder = JSONEncoder()
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM risk_institution_score")
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO risk_institution_score (institution_id, role, region_code, score, reasons, scored_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
            for s in scores {
                let reasons = String(decoding: try encoder.encode(s.reasons), as: UTF8.self)
                try insert.execute(arguments: [s.institutionID, s.role, s.regionCode, s.score, reasons, time])
            }
        }
    }

    /// The highest-ranked institutions, optionally only those whose region code starts with
    /// `regionPrefix`, and only of one `role` when given.
    public func topInstitutionRisks(limit: Int, regionPrefix: String? = nil, role: String? = nil) async throws
        -> [InstitutionRiskScore]
    {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM risk_institution_score
                    WHERE (? IS NULL OR region_code LIKE ? || '%') AND (? IS NULL OR role = ?)
                    ORDER BY score DESC, institution_id LIMIT ?
                    """,
                arguments: [regionPrefix, regionPrefix, role, role, limit]
            ).map { row in
                let text: String = row["reasons"]
                return InstitutionRiskScore(
                    institutionID: row["institution_id"], role: row["role"], regionCode: row["region_code"],
                    score: row["score"], reasons: (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? [])
            }
        }
    }
}
