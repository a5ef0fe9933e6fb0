import GRDB

/// 006: what the cockpit reads without recomputing: risk rollups kept current by triggers on
/// `finding`, the newest record each county has delivered per feed, and the webhook outbox.
///
/// Frozen once shipped. The rollups are maintained by SQLite triggers rather than by code in the
/// findings write path: every writer (an audit in another process, a status change from the web
/// app, a manual fix) updates them in the same transaction, and `storeAudit` is left untouched.
/// A trigger fires only when a column the rollups read changes, so re-running an audit over the
/// same data (which rewrites every finding's `last_seen_run`) costs nothing here.
enum Migration006 {
    static let identifier = "006_dashboard"

    /// Statuses stored without an alert: counted under `status` only, not in the risk figures.
    static let silentStatuses = "('shadow', 'suppressed')"

    static func migrate(_ db: Database) throws {
        // One counter bumped by every change to the rollups or freshness: caches compare it.
        try db.execute(
            sql: """
                CREATE TABLE dashboard_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    version INTEGER NOT NULL
                )
                """)
        // Starts at 1, above a new reader's 0, so that the backfilled rows below are news to it.
        try db.execute(sql: "INSERT INTO dashboard_state (id, version) VALUES (1, 1)")
        // One row per county (the finding's region_code, '' when unknown), dimension and key.
        // `risk` is the sum of risk scores in hundredths, an integer so that adding and taking
        // away the same finding leaves no rounding residue. `version` is the dashboard_state
        // version of the row's last change, so a cache reads only what changed since it looked.
        try db.execute(
            sql: """
                CREATE TABLE finding_rollup (
                    region_code TEXT NOT NULL,
                    dimension TEXT NOT NULL,
                    key TEXT NOT NULL,
                    findings INTEGER NOT NULL,
                    amount INTEGER NOT NULL,
                    red INTEGER NOT NULL,
                    risk INTEGER NOT NULL,
                    version INTEGER NOT NULL,
                    PRIMARY KEY (region_code, dimension, key)
                ) WITHOUT ROWID
                """)
        try db.execute(sql: "CREATE INDEX finding_rollup_by_version ON finding_rollup(version)")
        try db.execute(
            sql: """
                CREATE TRIGGER finding_rollup_insert AFTER INSERT ON finding BEGIN
                    UPDATE dashboard_state SET version = version + 1 WHERE id = 1;
                    \(contribution(of: "NEW", sign: 1));
                END
                """)
        try db.execute(
            sql: """
                CREATE TRIGGER finding_rollup_delete AFTER DELETE ON finding BEGIN
                    UPDATE dashboard_state SET version = version + 1 WHERE id = 1;
                    \(contribution(of: "OLD", sign: -1));
                END
                """)
        try db.execute(
            sql: """
                CREATE TRIGGER finding_rollup_update
                AFTER UPDATE OF rule_id, kind, severity, status, amount_at_risk, risk_score, region_code, first_seen_run ON finding
                WHEN OLD.rule_id IS NOT NEW.rule_id OR OLD.kind IS NOT NEW.kind OR OLD.severity IS NOT NEW.severity
                    OR OLD.status IS NOT NEW.status OR OLD.amount_at_risk IS NOT NEW.amount_at_risk
                    OR OLD.risk_score IS NOT NEW.risk_score OR OLD.region_code IS NOT NEW.region_code
                    OR OLD.first_seen_run IS NOT NEW.first_seen_run
                BEGIN
                    UPDATE dashboard_state SET version = version + 1 WHERE id = 1;
                    \(contribution(of: "OLD", sign: -1));
                    \(contribution(of: "NEW", sign: 1));
                END
                """)
        // Findings stored before this migration.
        try db.execute(sql: rebuildSQL)

        // The newest record date per county and record kind, and how far each record table has
        // been read (its largest row id), so a refresh reads only rows imported since.
        try db.execute(
            sql: """
                CREATE TABLE feed_freshness (
                    region_code TEXT NOT NULL,
                    record_kind TEXT NOT NULL,
                    newest_date TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    PRIMARY KEY (region_code, record_kind)
                ) WITHOUT ROWID
                """)
        try db.execute(
            sql: """
                CREATE TABLE feed_freshness_watermark (
                    record_kind TEXT PRIMARY KEY,
                    last_row_id INTEGER NOT NULL
                )
                """)

        // One row per (finding, webhook endpoint): kept until a 2xx (delivered) or given up (dead).
        try db.execute(
            sql: """
                CREATE TABLE notification_outbox (
                    id INTEGER PRIMARY KEY,
                    finding_id INTEGER NOT NULL,
                    endpoint TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL NOT NULL,
                    last_error TEXT,
                    finished_at REAL,
                    UNIQUE (finding_id, endpoint)
                )
                """)
        try db.execute(sql: "CREATE INDEX notification_outbox_due ON notification_outbox(status, next_attempt_at)")
        try db.execute(
            sql: """
                CREATE TABLE notification_attempt (
                    id INTEGER PRIMARY KEY,
                    outbox_id INTEGER NOT NULL REFERENCES notification_outbox(id),
                    at REAL NOT NULL,
                    http_status INTEGER,
                    error TEXT
                )
                """)
        try db.execute(sql: "CREATE INDEX notification_attempt_by_item ON notification_attempt(outbox_id)")
    }

    /// The cells one finding row (`NEW` or `OLD`) adds to (`sign` 1) or takes from (-1).
    static func contribution(of row: String, sign: Int) -> String {
        let active = "\(row).status NOT IN \(silentStatuses)"
        return """
            INSERT INTO finding_rollup (region_code, dimension, key, findings, amount, red, risk, version)
            SELECT COALESCE(\(row).region_code, ''), d.dimension, d.key, \(sign), \(sign) * \(row).amount_at_risk,
                \(sign) * (\(row).severity = 'red'), \(sign) * CAST(round(\(row).risk_score * 100) AS INTEGER),
                (SELECT version FROM dashboard_state WHERE id = 1)
            FROM (
                SELECT 'status' AS dimension, \(row).status AS key
                UNION ALL SELECT 'total', '' WHERE \(active)
                UNION ALL SELECT 'severity', \(row).severity WHERE \(active)
                UNION ALL SELECT 'kind', \(row).kind WHERE \(active)
                UNION ALL SELECT 'rule', \(row).rule_id WHERE \(active)
                UNION ALL SELECT 'period',
                    COALESCE((SELECT substr(started_at, 1, 7) FROM audit_run WHERE id = \(row).first_seen_run), '')
                    WHERE \(active)
            ) AS d
            WHERE 1
            ON CONFLICT (region_code, dimension, key) DO UPDATE SET
                findings = findings + excluded.findings, amount = amount + excluded.amount,
                red = red + excluded.red, risk = risk + excluded.risk, version = excluded.version
            """
    }

    /// Recomputes every rollup row from `finding` (the migration's backfill, and a repair).
    static let rebuildSQL = """
        INSERT INTO finding_rollup (region_code, dimension, key, findings, amount, red, risk, version)
        SELECT region, dimension, key, COUNT(*), SUM(amount_at_risk), SUM(severity = 'red'),
            SUM(CAST(round(risk_score * 100) AS INTEGER)), (SELECT version FROM dashboard_state WHERE id = 1)
        FROM (
            SELECT COALESCE(f.region_code, '') AS region, 'status' AS dimension, f.status AS key, f.amount_at_risk,
                f.severity, f.risk_score FROM finding f
            UNION ALL SELECT COALESCE(f.region_code, ''), 'total', '', f.amount_at_risk, f.severity, f.risk_score
                FROM finding f WHERE f.status NOT IN \(silentStatuses)
            UNION ALL SELECT COALESCE(f.region_code, ''), 'severity', f.severity, f.amount_at_risk, f.severity, f.risk_score
                FROM finding f WHERE f.status NOT IN \(silentStatuses)
            UNION ALL SELECT COALESCE(f.region_code, ''), 'kind', f.kind, f.amount_at_risk, f.severity, f.risk_score
                FROM finding f WHERE f.status NOT IN \(silentStatuses)
            UNION ALL SELECT COALESCE(f.region_code, ''), 'rule', f.rule_id, f.amount_at_risk, f.severity, f.risk_score
                FROM finding f WHERE f.status NOT IN \(silentStatuses)
            UNION ALL SELECT COALESCE(f.region_code, ''), 'period', COALESCE(substr(r.started_at, 1, 7), ''),
                f.amount_at_risk, f.severity, f.risk_score
                FROM finding f LEFT JOIN audit_run r ON r.id = f.first_seen_run WHERE f.status NOT IN \(silentStatuses)
        )
        WHERE 1
        GROUP BY region, dimension, key
        """
}
