import GRDB

/// 011: what the web app's administration adds.
///
/// * `rule_source`: rule versions saved from the rules page, with their YAML (the built-in
///   library's text ships with the program; an edited version must be kept here, since the
///   ledger holds only its hash). The highest version of a rule replaces the built-in one.
/// * `rule_setting`: a rule switched off (or back on) for the batch audit and the pre-payment
///   check; no row means on.
/// * `admin_event`: every administrative change (users, tokens, rules, jobs) with its payload,
///   whose SHA-256 the ledger records.
/// * `witness_cosignature`: cosignatures that departments' witnesses submitted for this log's
///   checkpoints, served with the checkpoint once verified.
/// * `server_job`: audits and imports run inside the server process, with their status.
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration011 {
    static let identifier = "011_rule_admin"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE rule_source (
                rule_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                yaml TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                saved_by TEXT NOT NULL,
                saved_at TEXT NOT NULL,
                PRIMARY KEY (rule_id, version)
            )
            """)
        try db.execute(sql: """
            CREATE TABLE rule_setting (
                rule_id TEXT PRIMARY KEY,
                enabled INTEGER NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """)
        try db.execute(sql: """
            CREATE TABLE admin_event (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                region_code TEXT NOT NULL,
                payload TEXT NOT NULL,
                ledger_index INTEGER
            )
            """)
        try db.execute(sql: "CREATE INDEX admin_event_by_region ON admin_event(region_code)")
        try db.execute(sql: """
            CREATE TABLE witness_cosignature (
                tree_size INTEGER NOT NULL,
                root TEXT NOT NULL,
                witness TEXT NOT NULL,
                line TEXT NOT NULL,
                log_line TEXT NOT NULL,
                received_at TEXT NOT NULL,
                PRIMARY KEY (tree_size, witness)
            )
            """)
        try db.execute(sql: """
            CREATE TABLE server_job (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('audit', 'import')),
                argument TEXT,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
                requested_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                started_at TEXT,
                finished_at TEXT,
                message TEXT
            )
            """)
    }
}
