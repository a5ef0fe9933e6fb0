public import Foundation
import GRDB

/// The administration page's writes: each change to a user or token is stored with its
/// `admin_event` in one transaction, so the event (and the ledger entry made from it) never
/// describes a change that did not happen, nor misses one that did.
extension FundWatchDatabase {
    /// One user by name (nil when unknown).
    public func user(username: String) async throws -> WebUser? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM web_user WHERE username = ?", arguments: [username]).map(Self.user)
        }
    }

    /// The users whose region lies in `scope`, by name.
    public func users(in scope: RegionScope) async throws -> [WebUser] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM web_user WHERE ? OR region_code LIKE ? ORDER BY username",
                arguments: [scope.isNation, scope.likePattern]
            ).map(Self.user)
        }
    }

    /// Adds a user (same checks as `addUser`) with its event.
    public func addUser(_ user: NewWebUser, event: AdminEventInput) async throws -> (WebUser, AdminEvent) {
        try Self.validate(username: user.username, displayName: user.displayName, regionCode: user.regionCode)
        return try await writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM web_user WHERE username = ?", arguments: [user.username]) == true {
                throw WebStoreError(.duplicateUser, "用户名 \(user.username) 已存在")
            }
            try db.execute(
                sql: """
                    INSERT INTO web_user (username, display_name, role, region_code, password_hash, disabled, created_at)
                    VALUES (?, ?, ?, ?, ?, 0, ?)
                    """,
                arguments: [
                    user.username, user.displayName, user.role.rawValue, user.regionCode, user.passwordHash,
                    WebTime.format(event.at),
                ])
            let added = WebUser(
                id: db.lastInsertedRowID, username: user.username, displayName: user.displayName, role: user.role,
                regionCode: user.regionCode, disabled: false, createdAt: event.at)
            return (added, try Self.insertAdminEvent(event, db))
        }
    }

    /// Disables (ending its sessions and revoking its tokens) or re-enables a user, with its event.
    public func setUserDisabled(username: String, disabled: Bool, event: AdminEventInput) async throws -> AdminEvent {
        try await writer.write { db in
            let id = try Self.userID(username, db)
            try db.execute(sql: "UPDATE web_user SET disabled = ? WHERE id = ?", arguments: [disabled, id])
            if disabled {
                try db.execute(sql: "DELETE FROM web_session WHERE user_id = ?", arguments: [id])
                try db.execute(sql: "UPDATE api_token SET revoked = 1 WHERE user_id = ?", arguments: [id])
            }
            return try Self.insertAdminEvent(event, db)
        }
    }

    /// Changes a user's role and region, with its event. The user's sessions end, so that no page
    /// open under the old rights keeps acting with them.
    public func updateUser(
        username: String, role: UserRole, regionCode: String, event: AdminEventInput
    ) async throws -> AdminEvent {
        guard RegionScope(code: regionCode) != nil else {
            throw WebStoreError(.invalidUser, "区划代码 '\(regionCode)' 不存在：请使用 GB/T 2260 六位代码，全国用 000000")
        }
        return try await writer.write { db in
            let id = try Self.userID(username, db)
            try db.execute(
                sql: "UPDATE web_user SET role = ?, region_code = ? WHERE id = ?", arguments: [role.rawValue, regionCode, id])
            try db.execute(sql: "DELETE FROM web_session WHERE user_id = ?", arguments: [id])
            return try Self.insertAdminEvent(event, db)
        }
    }

    /// Stores a new API token's digest with its event; returns the token's id.
    public func addAPIToken(
        userID: Int64, name: String, tokenSHA256: String, scopes: Set<String>, expiresAt: Date?, event: AdminEventInput
    ) async throws -> (Int64, AdminEvent) {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO api_token (user_id, name, token_sha256, scopes, created_at, expires_at, revoked)
                    VALUES (?, ?, ?, ?, ?, ?, 0)
                    """,
                arguments: [
                    userID, name, tokenSHA256, scopes.sorted().joined(separator: " "), WebTime.format(event.at),
                    expiresAt.map(WebTime.format),
                ])
            let id = db.lastInsertedRowID
            return (id, try Self.insertAdminEvent(event, db))
        }
    }

    /// The API tokens of the users whose region lies in `scope`, newest first.
    public func apiTokens(in scope: RegionScope) async throws -> [AdminTokenInfo] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.*, u.username, u.region_code FROM api_token t JOIN web_user u ON u.id = t.user_id
                    WHERE ? OR u.region_code LIKE ? ORDER BY t.id DESC
                    """,
                arguments: [scope.isNation, scope.likePattern]
            ).map { row in
                let scopes: String = row["scopes"]
                let expires: String? = row["expires_at"]
                return AdminTokenInfo(
                    id: row["id"], username: row["username"], userRegionCode: row["region_code"], name: row["name"],
                    scopes: scopes.split(separator: " ").map(String.init),
                    createdAt: WebTime.parse(row["created_at"]) ?? .distantPast, expiresAt: expires.flatMap(WebTime.parse),
                    revoked: row["revoked"])
            }
        }
    }

    /// Revokes a token, with its event.
    public func revokeAPIToken(id: Int64, event: AdminEventInput) async throws -> AdminEvent {
        try await writer.write { db in
            try db.execute(sql: "UPDATE api_token SET revoked = 1 WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw WebStoreError(.notFound, "没有编号为 \(id) 的 API 令牌") }
            return try Self.insertAdminEvent(event, db)
        }
    }

    static func userID(_ username: String, _ db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM web_user WHERE username = ?", arguments: [username]) else {
            throw WebStoreError(.unknownUser, "没有用户名为 \(username) 的用户")
        }
        return id
    }

    static func validate(username: String, displayName: String, regionCode: String) throws {
        guard isValidUsername(username) else {
            throw WebStoreError(
                .invalidUser, "用户名 '\(username)' 不合规：只能用 2–32 个小写字母、数字、点、下划线或连字符")
        }
        guard !displayName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw WebStoreError(.invalidUser, "用户 \(username) 缺少显示名称")
        }
        guard RegionScope(code: regionCode) != nil else {
            throw WebStoreError(.invalidUser, "区划代码 '\(regionCode)' 不存在：请使用 GB/T 2260 六位代码，全国用 000000")
        }
    }
}
