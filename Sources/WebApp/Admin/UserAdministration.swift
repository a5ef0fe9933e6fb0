import HTTPTypes
import Foundation
import Storage

/// What an admin may do to users and tokens, and doing it: every check on the server, every
/// change stored with its event and recorded in the ledger as a `note` (administration is not
/// a look at personal data, so not `data_access`).
///
/// Region-scoped: an admin manages the users whose region lies in their own subtree (a
/// province's admin: the province, its cities and counties), may give only regions in that
/// subtree, and is told "not found" about anyone else, whose existence must not leak. An admin
/// cannot disable themself or change their own role or region (no locking oneself out).
struct UserAdministration: Sendable {
    let database: FundWatchDatabase
    let accounts: UserAccounts
    let recorder: AdminRecorder
    let clock: WebClock
    /// Dropped after every change to a user or token, so the change applies to the next request.
    let credentials: CredentialCache

    /// The scopes an API token may carry.
    static let tokenScopes: Set<String> = Set(TokenScope.allCases.map(\.rawValue))

    /// A user the admin manages, else 404.
    func managedUser(_ username: String, by admin: Identity) async throws -> WebUser {
        guard let user = try await database.user(username: username), admin.scope.contains(user.regionCode) else {
            throw AppError(.notFound, code: "not_found", "您的辖区内没有用户名为 \(username) 的用户")
        }
        return user
    }

    /// A region the admin may give, else 422 (or 403 when outside the admin's subtree).
    func grantableRegion(_ code: String, by admin: Identity) throws -> String {
        let code = code.trimmingCharacters(in: .whitespaces)
        guard RegionScope(code: code) != nil else {
            throw AppError(
                .unprocessableContent, code: "invalid_region", "区划代码 '\(code)' 不存在：请使用 GB/T 2260 六位代码，全国用 000000")
        }
        guard admin.scope.isNation || (code != RegionScope.nationCode && admin.scope.contains(code)) else {
            throw AppError(.forbidden, code: "forbidden", "只能把用户设在您的辖区（\(RegionNames.name(admin.user.regionCode))）之内")
        }
        return code
    }

    static func role(_ text: String) throws -> UserRole {
        guard let role = UserRole(rawValue: text) else {
            throw AppError(
                .unprocessableContent, code: "invalid_role",
                "角色 '\(text)' 不存在：可选 \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return role
    }

    func event(_ admin: Identity, _ action: String, subject: String, region: String, _ fields: [String: String])
        -> AdminEventInput
    {
        AdminEventInput(
            at: clock.now(), actor: admin.user.actor, action: action, subject: subject, regionCode: region,
            payload: AdminRecorder.payload(fields))
    }

    /// Adds a user with a generated password, returned once (only its bcrypt hash is stored).
    func addUser(
        username: String, displayName: String, role: String, regionCode: String, by admin: Identity
    ) async throws -> (user: WebUser, password: String) {
        let role = try Self.role(role)
        let region = try grantableRegion(regionCode, by: admin)
        let password = accounts.generatePassword()
        do {
            let (user, recorded) = try await database.addUser(
                NewWebUser(
                    username: username, displayName: displayName, role: role, regionCode: region,
                    passwordHash: UserAccounts.hash(password, cost: accounts.bcryptCost)),
                event: event(
                    admin, "user.add", subject: "user/\(username)", region: region,
                    ["username": username, "role": role.rawValue, "region_code": region]))
            await recorder.record(recorded)
            return (user, password)
        } catch let error as WebStoreError {
            throw AppError.from(error)
        }
    }

    /// Disables or re-enables a user.
    func setDisabled(_ username: String, disabled: Bool, by admin: Identity) async throws {
        let user = try await managedUser(username, by: admin)
        guard user.id != admin.user.id else {
            throw AppError(.unprocessableContent, code: "self_change", "不能停用自己的账号")
        }
        let e = try await database.setUserDisabled(
            username: username, disabled: disabled,
            event: event(
                admin, disabled ? "user.disable" : "user.enable", subject: "user/\(username)", region: user.regionCode,
                ["username": username, "disabled": String(disabled)]))
        credentials.removeAll()
        await recorder.record(e)
    }

    /// Changes a user's role and region.
    func update(_ username: String, role: String, regionCode: String, by admin: Identity) async throws -> WebUser {
        let user = try await managedUser(username, by: admin)
        guard user.id != admin.user.id else {
            throw AppError(.unprocessableContent, code: "self_change", "不能修改自己的角色或辖区，请由其他管理员操作")
        }
        let role = try Self.role(role)
        let region = try grantableRegion(regionCode, by: admin)
        do {
            let e = try await database.updateUser(
                username: username, role: role, regionCode: region,
                event: event(
                    admin, "user.update", subject: "user/\(username)", region: region,
                    [
                        "username": username, "role": role.rawValue, "region_code": region,
                        "previous_role": user.role.rawValue, "previous_region_code": user.regionCode,
                    ]))
            credentials.removeAll()
            await recorder.record(e)
        } catch let error as WebStoreError {
            throw AppError.from(error)
        }
        var changed = user
        changed.role = role
        changed.regionCode = region
        return changed
    }

    /// Issues an API token for a managed user; the token is returned once.
    func issueToken(
        for username: String, name: String, scopes: Set<String>, days: Int, by admin: Identity
    ) async throws -> (id: Int64, token: String) {
        let user = try await managedUser(username, by: admin)
        guard !user.disabled else {
            throw AppError(.unprocessableContent, code: "user_disabled", "用户 \(username) 已停用，不能签发令牌")
        }
        guard !scopes.isEmpty, scopes.isSubset(of: Self.tokenScopes) else {
            throw AppError(
                .unprocessableContent, code: "invalid_scopes",
                "令牌权限须取自：\(Self.tokenScopes.sorted().joined(separator: " "))")
        }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard (1...64).contains(name.count) else {
            throw AppError(.unprocessableContent, code: "invalid_name", "请给令牌起一个 1–64 字的名称（如对接的系统名）")
        }
        guard (0...3650).contains(days) else {
            throw AppError(.unprocessableContent, code: "invalid_days", "有效天数须在 0（永不过期）到 3650 之间")
        }
        let now = clock.now()
        let token = "fwt_" + accounts.random.token(32)
        let (id, e) = try await database.addAPIToken(
            userID: user.id, name: name, tokenSHA256: AuditTrail.sha256Hex(Array(token.utf8)), scopes: scopes,
            expiresAt: days > 0 ? now.addingTimeInterval(Double(days) * 86_400) : nil,
            event: event(
                admin, "token.issue", subject: "user/\(username)", region: user.regionCode,
                ["username": username, "name": name, "scopes": scopes.sorted().joined(separator: " "), "days": String(days)]))
        await recorder.record(e)
        return (id, token)
    }

    /// Revokes a token of a managed user.
    func revokeToken(_ id: Int64, by admin: Identity) async throws {
        guard let token = try await database.apiTokens(in: admin.scope).first(where: { $0.id == id }) else {
            throw AppError(.notFound, code: "not_found", "您的辖区内没有编号为 \(id) 的 API 令牌")
        }
        let e = try await database.revokeAPIToken(
            id: id,
            event: event(
                admin, "token.revoke", subject: "user/\(token.username)", region: token.userRegionCode,
                ["token_id": String(id), "username": token.username, "name": token.name]))
        credentials.removeAll()
        await recorder.record(e)
    }
}
