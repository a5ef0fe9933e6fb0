import GRDB

/// 015: server jobs can be cancelled. `server_job.status` gains `cancelled` (a job an admin
/// stopped before it wrote anything). SQLite cannot change a CHECK constraint in place, so the
/// table is rebuilt with its rows, as SQLite's ALTER TABLE page prescribes.
///
/// Frozen once shipped: later changes go in new migrations.
enum Migration015 {
    static let identifier = "015_server_job_cancelled"

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE server_job_new (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('audit', 'import')),
                    argument TEXT,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
                    requested_by TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    started_at TEXT,
                    finished_at TEXT,
                    message TEXT
                )
                """)
        try db.execute(
            sql: """
                INSERT INTO server_job_new (id, kind, argument, status, requested_by, created_at, started_at, finished_at, message)
                SELECT id, kind, argument, status, requested_by, created_at, started_at, finished_at, message FROM server_job
                """)
        try db.execute(sql: "DROP TABLE server_job")
        try db.execute(sql: "ALTER TABLE server_job_new RENAME TO server_job")
    }
}
