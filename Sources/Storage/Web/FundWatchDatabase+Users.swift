public import Foundation
import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// Adds a user; refuses a malformed name, an unknown region or a name already taken.
    @discardableResult
    public func addUser(_ user: NewWebUser, at time: Date) async throws -> WebUser {
        guard Self.isValidUsername(user.username) else {
            throw WebStoreError(
                .invalidUser,
                "用户名 '\(user.username)' 不合规：只能用 2–32 个小写字母、数字、点、下划线或连字符")
        }
        guard !user.displayName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw WebStoreError(.invalidUser, "用户 \(user.username) 缺少显示名称")
        }
        guard RegionScope(code: user.regionCode) != nil else {
            throw WebStoreError(
                .invalidUser, "区划代码 '\(user.regionCode)' 不存在：请使用 GB/T 2260 六位代码，全国用 000000")
        }
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
                    WebTime.format(time),
                ])
            return WebUser(
                id: db.lastInsertedRowID, username: user.username, displayName: user.displayName, role: user.role,
                regionCode: user.regionCode, disabled: false, createdAt: time)
        }
    }

    /// Every user, by name.
    public func users() async throws -> [WebUser] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM web_user ORDER BY username").map(Self.user)
        }
    }

    /// One user by name, with the stored password hash (for sign-in).
    public func userForSignIn(username: String) async throws -> (user: WebUser, passwordHash: String)? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM web_user WHERE username = ?", arguments: [username]).map {
                (Self.user($0), $0["password_hash"])
            }
        }
    }

    /// Disables (or re-enables) a user; a disabled user's sessions end at once.
    public func setUserDisabled(username: String, disabled: Bool) async throws {
        try await writer.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM web_user WHERE username = ?", arguments: [username])
            else {
                throw WebStoreError(.unknownUser, "没有用户名为 \(username) 的用户；用 `fundwatch user list` 查看")
            }
            try db.execute(sql: "UPDATE web_user SET disabled = ? WHERE id = ?", arguments: [disabled, id])
            if disabled {
                try db.execute(sql: "DELETE FROM web_session WHERE user_id = ?", arguments: [id])
                try db.execute(sql: "UPDATE api_token SET revoked = 1 WHERE user_id = ?", arguments: [id])
            }
        }
    }

    /// Replaces a user's password hash (the demo resets its accounts' passwords this way).
    public func setPasswordHash(username: String, passwordHash: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE web_user SET password_hash = ? WHERE username = ?", arguments: [passwordHash, username])
            guard db.changesCount == 1 else { throw WebStoreError(.unknownUser, "没有用户名为 \(username) 的用户") }
        }
    }

    static func isValidUsername(_ name: String) -> Bool {
        (2...32).contains(name.count)
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) }
    }

    static func user(_ row: Row) -> WebUser {
        WebUser(
            id: row["id"], username: row["username"], displayName: row["display_name"],
            role: UserRole(rawValue: row["role"]) ?? .leader, regionCode: row["region_code"], disabled: row["disabled"],
            createdAt: WebTime.parse(row["created_at"]) ?? .distantPast)
    }
}
