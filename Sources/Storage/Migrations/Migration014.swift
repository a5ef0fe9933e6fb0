import GRDB

/// 014: documents (文书) issued from cases. Each row is one issued document: its number (文号,
/// sequence per issuing region, kind and year), the SHA-256 of its HTML (kept in the evidence
/// file store like an uploaded file) and the case evidence item that put it in the ledger.
/// Also the deadline notices already given for case tasks (a reminder, an escalation), so the
/// sweep that runs on a timer gives each once.
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration014 {
    static let identifier = "014_case_documents"

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE case_document (
                    id INTEGER PRIMARY KEY,
                    case_id TEXT NOT NULL REFERENCES case_file(id),
                    kind TEXT NOT NULL,
                    region_code TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    sequence INTEGER NOT NULL CHECK (sequence > 0),
                    number TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    evidence_id INTEGER NOT NULL REFERENCES case_evidence(id),
                    issued_by TEXT NOT NULL,
                    issued_at TEXT NOT NULL,
                    UNIQUE (region_code, kind, year, sequence)
                )
                """)
        try db.execute(sql: "CREATE INDEX case_document_by_case ON case_document(case_id, id)")
        try db.execute(
            sql: """
                CREATE TABLE case_task_notice (
                    task_id INTEGER NOT NULL REFERENCES case_task(id),
                    kind TEXT NOT NULL,
                    at TEXT NOT NULL,
                    ledger_index INTEGER,
                    PRIMARY KEY (task_id, kind)
                )
                """)
    }
}
