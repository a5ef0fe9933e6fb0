import Foundation
import GRDB

extension FundWatchDatabase {
    /// Stores a model version and every score it gave, replacing that version's earlier scores:
    /// one transaction, so readers see the old scores or all the new ones.
    public func storeRiskScores(_ scores: [PersonRiskScore], model: RiskModelVersion) async throws {
        let features = String(decoding: try JSONEncoder().encode(model.features), as: UTF8.self)
        let encoder = JSONEncoder()
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO risk_model (sha256, kind, features, training_rows, validation_auc, recorded_at, ledger_index)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sha256) DO UPDATE SET ledger_index = COALESCE(excluded.ledger_index, ledger_index)
                    """,
                arguments: [
                    model.sha256, model.kind, features, model.trainingRows, model.validationAUC, model.recordedAt,
                    model.ledgerIndex,
                ])
            try db.execute(sql: "DELETE FROM risk_score WHERE model_sha256 = ?", arguments: [model.sha256])
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO risk_score (id_number, model_sha256, score, reasons, region_code, scored_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
            for s in scores {
                let reasons = String(decoding: try encoder.encode(s.reasons), as: UTF8.self)
                try insert.execute(arguments: [s.idNumber, model.sha256, s.score, reasons, s.regionCode, model.recordedAt])
            }
        }
    }

    /// The model versions recorded, newest first.
    public func riskModelVersions() async throws -> [RiskModelVersion] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM risk_model ORDER BY recorded_at DESC, sha256").map(Self.modelVersion)
        }
    }

    /// The person's score from the newest model version that scored them, if any.
    public func latestRiskScore(idNumber: String) async throws -> PersonRiskScore? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT s.* FROM risk_score s JOIN risk_model m ON m.sha256 = s.model_sha256
                    WHERE s.id_number = ? ORDER BY m.recorded_at DESC LIMIT 1
                    """,
                arguments: [idNumber]
            ).map(Self.score)
        }
    }

    /// The highest scores of the newest model version, optionally only in regions whose code
    /// starts with `regionPrefix` (a province `37`, a city `3714`, a county `371482`).
    public func topRiskScores(limit: Int, regionPrefix: String? = nil) async throws -> [PersonRiskScore] {
        try await writer.read { db in
            guard
                let newest = try String.fetchOne(
                    db, sql: "SELECT sha256 FROM risk_model ORDER BY recorded_at DESC, sha256 LIMIT 1")
            else { return [] }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM risk_score WHERE model_sha256 = ? AND (? IS NULL OR region_code LIKE ? || '%')
                    ORDER BY score DESC, id_number LIMIT ?
                    """,
                arguments: [newest, regionPrefix, regionPrefix, limit]
            ).map(Self.score)
        }
    }

    private static func score(_ row: Row) -> PersonRiskScore {
        let reasonsText: String = row["reasons"]
        let reasons = (try? JSONDecoder().decode([String].self, from: Data(reasonsText.utf8))) ?? []
        return PersonRiskScore(
            idNumber: row["id_number"], modelSHA256: row["model_sha256"], score: row["score"], reasons: reasons,
            regionCode: row["region_code"])
    }

    private static func modelVersion(_ row: Row) -> RiskModelVersion {
        let featuresText: String = row["features"]
        return RiskModelVersion(
            sha256: row["sha256"], kind: row["kind"],
            features: (try? JSONDecoder().decode([String].self, from: Data(featuresText.utf8))) ?? [],
            trainingRows: row["training_rows"], validationAUC: row["validation_auc"], recordedAt: row["recorded_at"],
            ledgerIndex: row["ledger_index"])
    }
}
