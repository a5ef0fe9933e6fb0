import GRDB

/// 012: risk model scores beside the findings. Each model version that scored persons
/// (`risk_model`, keyed by the SHA-256 of its file, with the ledger index of its record), each
/// person's score from it with the top reasons (`risk_score`), and the latest ranking of
/// institutions among their peers (`risk_institution_score`).
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration012 {
    static let identifier = "012_risk_scores"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE risk_model (
                sha256 TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                features TEXT NOT NULL,
                training_rows INTEGER NOT NULL,
                validation_auc REAL,
                recorded_at TEXT NOT NULL,
                ledger_index INTEGER
            )
            """)
        // One score per person and model version; `reasons` is a JSON array of short texts
        // (feature=value (+weight)), never personal data.
        try db.execute(sql: """
            CREATE TABLE risk_score (
                id_number TEXT NOT NULL,
                model_sha256 TEXT NOT NULL REFERENCES risk_model(sha256),
                score REAL NOT NULL,
                reasons TEXT NOT NULL,
                region_code TEXT,
                scored_at TEXT NOT NULL,
                PRIMARY KEY (id_number, model_sha256)
            )
            """)
        try db.execute(sql: "CREATE INDEX risk_score_by_model ON risk_score(model_sha256, score DESC)")
        try db.execute(sql: """
            CREATE TABLE risk_institution_score (
                institution_id TEXT NOT NULL,
                role TEXT NOT NULL,
                region_code TEXT,
                score REAL NOT NULL,
                reasons TEXT NOT NULL,
                scored_at TEXT NOT NULL,
                PRIMARY KEY (institution_id, role)
            )
            """)
        try db.execute(sql: "CREATE INDEX risk_institution_by_score ON risk_institution_score(score DESC)")
    }
}
