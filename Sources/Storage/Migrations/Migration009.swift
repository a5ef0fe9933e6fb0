import GRDB

/// 009: casework. Cases (`case_file`, with a `version` for optimistic locking), the alerts each
/// case was opened from, tasks, the history of every step (`case_event`, with the index of its
/// ledger entry), the enforcement measures (recoveries and their payments, freezes, blacklist
/// entries, judicial referrals) and the evidence chain.
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration009 {
    static let identifier = "009_casework"

    static func migrate(_ db: Database) throws {
        // The id is the case number staff quote: region, year and a sequence per region and year.
        try db.execute(sql: """
            CREATE TABLE case_file (
                id TEXT PRIMARY KEY,
                region_code TEXT NOT NULL CHECK (length(region_code) = 6),
                case_type TEXT NOT NULL,
                title TEXT NOT NULL,
                state TEXT NOT NULL,
                person_id_number TEXT,
                institution_id TEXT,
                amount_at_risk INTEGER NOT NULL DEFAULT 0,
                outcome TEXT,
                decided_by TEXT,
                decided_at TEXT,
                state_before_appeal TEXT,
                supervised_by TEXT,
                supervisor TEXT,
                supervision_deadline TEXT,
                signed_off_by TEXT,
                assignee TEXT,
                assignment_reason TEXT,
                opened_by TEXT NOT NULL,
                opened_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            )
            """)
        try db.execute(sql: "CREATE INDEX case_file_by_region ON case_file(region_code, state)")
        try db.execute(sql: "CREATE INDEX case_file_by_person ON case_file(person_id_number)")
        try db.execute(sql: "CREATE INDEX case_file_by_assignee ON case_file(assignee, state)")
        // An alert turns into at most one case.
        try db.execute(sql: """
            CREATE TABLE case_alert (
                case_id TEXT NOT NULL REFERENCES case_file(id),
                finding_id INTEGER NOT NULL UNIQUE REFERENCES finding(id),
                PRIMARY KEY (case_id, finding_id)
            )
            """)
        try db.execute(sql: """
            CREATE TABLE case_task (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                assignee TEXT,
                due_at TEXT NOT NULL,
                created_at TEXT NOT NULL,
                done_at TEXT
            )
            """)
        try db.execute(sql: "CREATE INDEX case_task_by_case ON case_task(case_id)")
        try db.execute(sql: "CREATE INDEX case_task_open ON case_task(done_at, due_at)")
        // `payload_sha256` is what the ledger entry at `ledger_index` covers.
        try db.execute(sql: """
            CREATE TABLE case_event (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                action TEXT NOT NULL,
                actor TEXT NOT NULL,
                at TEXT NOT NULL,
                from_state TEXT,
                to_state TEXT NOT NULL,
                detail TEXT,
                payload TEXT NOT NULL,
                payload_sha256 TEXT NOT NULL,
                ledger_index INTEGER
            )
            """)
        try db.execute(sql: "CREATE INDEX case_event_by_case ON case_event(case_id, id)")
        try db.execute(sql: """
            CREATE TABLE case_recovery (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                owed INTEGER NOT NULL,
                plan TEXT NOT NULL,
                written_off INTEGER NOT NULL DEFAULT 0,
                write_off_by TEXT,
                write_off_reason TEXT,
                created_at TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX case_recovery_by_case ON case_recovery(case_id)")
        try db.execute(sql: """
            CREATE TABLE case_recovery_payment (
                id INTEGER PRIMARY KEY,
                recovery_id INTEGER NOT NULL REFERENCES case_recovery(id),
                amount INTEGER NOT NULL,
                received_on TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX case_recovery_payment_by_recovery ON case_recovery_payment(recovery_id)")
        try db.execute(sql: """
            CREATE TABLE case_freeze (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                bank TEXT NOT NULL,
                account TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX case_freeze_by_case ON case_freeze(case_id)")
        try db.execute(sql: """
            CREATE TABLE case_blacklist (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                subject_kind TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                reason TEXT NOT NULL,
                start_date TEXT NOT NULL,
                end_date TEXT NOT NULL,
                lifted_by TEXT,
                created_at TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX case_blacklist_by_subject ON case_blacklist(subject_id, end_date)")
        try db.execute(sql: "CREATE INDEX case_blacklist_by_case ON case_blacklist(case_id)")
        try db.execute(sql: """
            CREATE TABLE case_referral (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                authority TEXT NOT NULL,
                facts TEXT NOT NULL,
                status TEXT NOT NULL,
                feedback TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX case_referral_by_case ON case_referral(case_id)")
        // A file's bytes live in the data folder under evidence/<aa>/<sha256>; the row holds its hash.
        try db.execute(sql: """
            CREATE TABLE case_evidence (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                size INTEGER,
                file_type TEXT,
                text TEXT,
                record_type TEXT,
                row_id INTEGER,
                department TEXT,
                feed TEXT,
                batch_id INTEGER,
                line INTEGER,
                source TEXT NOT NULL,
                added_by TEXT NOT NULL,
                added_at TEXT NOT NULL,
                ledger_index INTEGER
            )
            """)
        try db.execute(sql: "CREATE INDEX case_evidence_by_case ON case_evidence(case_id, id)")
    }
}
