import GRDB

/// 010: collaboration between departments and regions. Verification requests (协查) and their
/// answers, clues shared between regions (线索移送), case outcomes for the feedback loop, and
/// rectification tasks (整改); one history table for every state change of them, each with the
/// ledger index of its `case_event` entry; and the department of each liaison user.
///
/// Each object is stored whole as JSON (`body`, the `Collaboration` value) beside the columns that
/// queries filter on, so the scope filters stay in SQL and the value types stay the one truth.
/// Frozen once shipped: later changes go in new migrations.
enum Migration010 {
    static let identifier = "010_collaboration"

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE collab_request (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    department TEXT NOT NULL,
                    sender_region TEXT NOT NULL,
                    addressee_region TEXT NOT NULL,
                    state TEXT NOT NULL,
                    deadline TEXT,
                    version INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """)
        try db.execute(sql: "CREATE INDEX collab_request_by_sender ON collab_request(sender_region)")
        try db.execute(sql: "CREATE INDEX collab_request_by_addressee ON collab_request(department, addressee_region)")
        try db.execute(sql: "CREATE INDEX collab_request_by_state ON collab_request(state, deadline)")
        try db.execute(sql: "CREATE INDEX collab_request_by_case ON collab_request(case_id)")
        try db.execute(
            sql: """
                CREATE TABLE collab_clue (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    from_region TEXT NOT NULL,
                    to_region TEXT NOT NULL,
                    state TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """)
        try db.execute(sql: "CREATE INDEX collab_clue_by_from ON collab_clue(from_region)")
        try db.execute(sql: "CREATE INDEX collab_clue_by_to ON collab_clue(to_region)")
        try db.execute(
            sql: """
                CREATE TABLE collab_outcome (
                    case_id TEXT PRIMARY KEY,
                    rule_id TEXT NOT NULL,
                    region_code TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    decided_on TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """)
        try db.execute(sql: "CREATE INDEX collab_outcome_by_region ON collab_outcome(region_code, decided_on)")
        try db.execute(
            sql: """
                CREATE TABLE collab_rectification (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    suggestion_key TEXT NOT NULL,
                    region_code TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    state TEXT NOT NULL,
                    deadline TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """)
        try db.execute(sql: "CREATE INDEX collab_rectification_by_region ON collab_rectification(region_code)")
        // Every state change of the four tables above: `object` is request, clue, outcome or
        // rectification; `body_sha256` the hash of the object's JSON after the change.
        try db.execute(
            sql: """
                CREATE TABLE collab_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    object TEXT NOT NULL,
                    object_id TEXT NOT NULL,
                    action TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    at TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT NOT NULL,
                    note TEXT,
                    body_sha256 TEXT NOT NULL,
                    ledger_index INTEGER
                )
                """)
        try db.execute(sql: "CREATE INDEX collab_event_by_object ON collab_event(object, object_id)")
        // The department a liaison user speaks for; a liaison without a row answers nothing.
        try db.execute(
            sql: """
                CREATE TABLE collab_liaison (
                    user_id INTEGER PRIMARY KEY REFERENCES web_user(id),
                    department TEXT NOT NULL,
                    assigned_by TEXT NOT NULL,
                    assigned_at TEXT NOT NULL
                )
                """)
    }
}
