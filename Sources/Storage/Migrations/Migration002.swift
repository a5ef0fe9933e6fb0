import GRDB

/// 002: rule versions, audit runs, findings (疑点) and suppressions.
///
/// Frozen once shipped. A finding is unique per (rule, rule version, person): re-running an audit
/// over the same data updates `last_seen_run` instead of adding a row, so audits are idempotent.
/// `ledger_index` is the entry that recorded a rule version or the finding's current payload;
/// null until the ledger has it, so a run whose ledger write failed is completed by the next one.
/// Suppressions cannot be stored without a reason, an end date and an actor.
enum Migration002 {
    static let identifier = "002_findings"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE rule_version (
                rule_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                status TEXT NOT NULL,
                title TEXT NOT NULL,
                first_seen_at TEXT NOT NULL,
                ledger_index INTEGER,
                PRIMARY KEY (rule_id, version)
            )
            """)
        try db.execute(sql: """
            CREATE TABLE audit_run (
                id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                as_of TEXT NOT NULL,
                actor TEXT NOT NULL,
                persons INTEGER NOT NULL,
                findings INTEGER NOT NULL,
                new_findings INTEGER NOT NULL,
                suppressed INTEGER NOT NULL,
                failures INTEGER NOT NULL
            )
            """)
        try db.execute(sql: """
            CREATE TABLE finding (
                id INTEGER PRIMARY KEY,
                rule_id TEXT NOT NULL,
                rule_version INTEGER NOT NULL,
                id_number TEXT NOT NULL,
                kind TEXT NOT NULL,
                severity TEXT NOT NULL,
                score REAL NOT NULL,
                risk_score REAL NOT NULL,
                amount_at_risk INTEGER NOT NULL,
                records TEXT NOT NULL,
                explanation TEXT NOT NULL,
                region_code TEXT,
                status TEXT NOT NULL,
                payload_sha256 TEXT NOT NULL,
                first_seen_run INTEGER NOT NULL REFERENCES audit_run(id),
                last_seen_run INTEGER NOT NULL REFERENCES audit_run(id),
                ledger_index INTEGER,
                UNIQUE (rule_id, rule_version, id_number),
                FOREIGN KEY (rule_id, rule_version) REFERENCES rule_version(rule_id, version)
            )
            """)
        try db.execute(sql: "CREATE INDEX finding_by_person ON finding(id_number)")
        try db.execute(sql: "CREATE INDEX finding_by_run ON finding(last_seen_run)")
        try db.execute(sql: """
            CREATE TABLE suppression (
                id INTEGER PRIMARY KEY,
                rule_id TEXT NOT NULL,
                subject_kind TEXT NOT NULL CHECK (subject_kind IN ('person', 'institution')),
                subject TEXT NOT NULL,
                reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                end_date TEXT NOT NULL CHECK (length(end_date) = 10),
                actor TEXT NOT NULL CHECK (length(trim(actor)) > 0),
                created_at TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX suppression_by_rule ON suppression(rule_id, subject)")
    }
}
