import GRDB

extension FundWatchDatabase {
    /// Stores a retrained version's quality (a version trained again keeps its first row).
    public func recordModelQuality(_ record: ModelQualityRecord) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO risk_model_quality (model_sha256, kind, trained_at, labels, new_labels, case_labels,
                        training_rows, held_out_rows, held_out_positives, roc_auc, top_k, precision_at_k, ledger_index)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (model_sha256) DO NOTHING
                    """,
                arguments: [
                    record.modelSHA256, record.kind, record.trainedAt, record.labels, record.newLabels,
                    record.caseLabels, record.trainingRows, record.heldOutRows, record.heldOutPositives, record.rocAUC,
                    record.topK, record.precisionAtK, record.ledgerIndex,
                ])
        }
    }

    /// Every retrained version's quality, oldest first (the order a chart reads).
    public func modelQualityHistory() async throws -> [ModelQualityRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM risk_model_quality ORDER BY trained_at, model_sha256").map { row in
                ModelQualityRecord(
                    modelSHA256: row["model_sha256"], kind: row["kind"], trainedAt: row["trained_at"],
                    labels: row["labels"], newLabels: row["new_labels"], caseLabels: row["case_labels"],
                    trainingRows: row["training_rows"], heldOutRows: row["held_out_rows"],
                    heldOutPositives: row["held_out_positives"], rocAUC: row["roc_auc"], topK: row["top_k"],
                    precisionAtK: row["precision_at_k"], ledgerIndex: row["ledger_index"])
            }
        }
    }
}
