public import Foundation
import GRDB

extension FundWatchDatabase {
    /// Stores a new session under the SHA-256 of its cookie value.
    public func createSession(
        idSHA256: String, userID: Int64, csrfToken: String, at time: Date, expiresAt: Date
    ) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO web_session (id_sha256, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [idSHA256, userID, csrfToken, WebTime.format(time), WebTime.format(expiresAt)])
        }
    }

    /// The live session with this digest: nil when unknown, expired, or its user is disabled.
    public func session(idSHA256: String, now: Date) async throws -> WebSession? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT u.*, s.csrf_token, s.expires_at AS session_expires FROM web_session s
                        JOIN web_user u ON u.id = s.user_id
                        WHERE s.id_sha256 = ? AND s.expires_at > ? AND u.disabled = 0
                        """,
                    arguments: [idSHA256, WebTime.format(now)])
            else { return nil }
            return WebSession(
                user: Self.user(row), csrfToken: row["csrf_token"],
                expiresAt: WebTime.parse(row["session_expires"]) ?? now)
        }
    }

    /// Ends a session (sign-out), and drops every expired one while at it.
    public func deleteSession(idSHA256: String, now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM web_session WHERE id_sha256 = ? OR expires_at <= ?",
                arguments: [idSHA256, WebTime.format(now)])
        }
    }

    /// Stores an API token's digest for a user with its scopes.
    @discardableResult
    public func addAPIToken(
        userID: Int64, name: String, tokenSHA256: String, scopes: Set<String>, at time: Date, expiresAt: Date?
    ) async throws -> Int64 {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO api_token (user_id, name, token_sha256, scopes, created_at, expires_at, revoked)
                    VALUES (?, ?, ?, ?, ?, ?, 0)
                    """,
                arguments: [
                    userID, name, tokenSHA256, scopes.sorted().joined(separator: " "), WebTime.format(time),
                    expiresAt.map(WebTime.format),
                ])
            return db.lastInsertedRowID
        }
    }

    /// The grant of a live token: nil when unknown, revoked, expired, or its user disabled.
    public func apiToken(sha256: String, now: Date) async throws -> APITokenGrant? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT u.*, t.id AS token_id, t.scopes, t.expires_at AS token_expires FROM api_token t JOIN web_user u ON u.id = t.user_id
                        WHERE t.token_sha256 = ? AND t.revoked = 0 AND u.disabled = 0
                          AND (t.expires_at IS NULL OR t.expires_at > ?)
                        """,
                    arguments: [sha256, WebTime.format(now)])
            else { return nil }
            let scopes: String = row["scopes"]
            let expires: String? = row["token_expires"]
            return APITokenGrant(
                tokenID: row["token_id"], user: Self.user(row),
                scopes: Set(scopes.split(separator: " ").map(String.init)), expiresAt: expires.flatMap(WebTime.parse))
        }
    }

    /// Notes one sign-in attempt.
    public func recordSignInAttempt(username: String, succeeded: Bool, at time: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO sign_in_attempt (username, at, succeeded) VALUES (?, ?, ?)",
                arguments: [username, WebTime.format(time), succeeded])
        }
    }

    /// The failed sign-ins for a name since `since` and after its last success: what the
    /// rate limit counts.
    public func failedSignIns(username: String, since: Date) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM sign_in_attempt WHERE username = ? AND succeeded = 0 AND at > ?
                      AND at > COALESCE((SELECT MAX(at) FROM sign_in_attempt WHERE username = ? AND succeeded = 1), '')
                    """,
                arguments: [username, WebTime.format(since), username]) ?? 0
        }
    }
}
