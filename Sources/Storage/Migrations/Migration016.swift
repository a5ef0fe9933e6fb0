import GRDB

/// 016: the quality of each retrained risk model version (`fundwatch model retrain`): the
/// labels it learnt from (how many, how many new, how many from decided cases), and ROC-AUC and
/// precision at the top k on its held-out rows, with the ledger index of the version's record.
/// The web app shows these over versions.
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration016 {
    static let identifier = "016_risk_model_quality"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE risk_model_quality (
                model_sha256 TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                trained_at TEXT NOT NULL,
                labels INTEGER NOT NULL,
                new_labels INTEGER NOT NULL,
                case_labels INTEGER NOT NULL,
                training_rows INTEGER NOT NULL,
                held_out_rows INTEGER NOT NULL,
                held_out_positives INTEGER NOT NULL,
                roc_auc REAL,
                top_k INTEGER NOT NULL,
                precision_at_k REAL,
                ledger_index INTEGER
            )
            """)
        try db.execute(sql: "CREATE INDEX risk_model_quality_by_time ON risk_model_quality(trained_at)")
    }
}
