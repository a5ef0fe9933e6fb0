import GRDB

/// 005: the web application's tables: users with a role and a region scope, sessions and API
/// tokens (both stored as SHA-256 digests, never in clear), sign-in attempts for rate limiting,
/// and the alert workflow over stored findings (current state plus every event).
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration005 {
    static let identifier = "005_web"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE web_user (
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('auditor', 'reviewer', 'supervisor', 'leader', 'liaison', 'admin')),
                region_code TEXT NOT NULL CHECK (length(region_code) = 6),
                password_hash TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL
            )
            """)
        // `id_sha256` is the SHA-256 of the cookie value: a stolen database holds no usable session.
        try db.execute(sql: """
            CREATE TABLE web_session (
                id_sha256 TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES web_user(id),
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX web_session_by_user ON web_session(user_id)")
        try db.execute(sql: """
            CREATE TABLE api_token (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES web_user(id),
                name TEXT NOT NULL,
                token_sha256 TEXT NOT NULL UNIQUE,
                scopes TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT,
                revoked INTEGER NOT NULL DEFAULT 0
            )
            """)
        try db.execute(sql: """
            CREATE TABLE sign_in_attempt (
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL,
                at TEXT NOT NULL,
                succeeded INTEGER NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX sign_in_attempt_by_user ON sign_in_attempt(username, at)")
        // One row per finding that has left `new`; a finding without a row is a new alert.
        try db.execute(sql: """
            CREATE TABLE alert_state (
                finding_id INTEGER PRIMARY KEY REFERENCES finding(id),
                status TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'assigned', 'dismissal_proposed', 'dismissed', 'case')),
                assignee TEXT,
                proposed_by TEXT,
                reason TEXT,
                updated_at TEXT NOT NULL
            )
            """)
        try db.execute(sql: """
            CREATE TABLE alert_event (
                id INTEGER PRIMARY KEY,
                finding_id INTEGER NOT NULL REFERENCES finding(id),
                action TEXT NOT NULL,
                actor TEXT NOT NULL,
                at TEXT NOT NULL,
                reason TEXT,
                assignee TEXT,
                from_status TEXT NOT NULL,
                to_status TEXT NOT NULL,
                ledger_index INTEGER
            )
            """)
        try db.execute(sql: "CREATE INDEX alert_event_by_finding ON alert_event(finding_id)")
        try db.execute(sql: "CREATE INDEX finding_by_region ON finding(region_code)")
    }
}
