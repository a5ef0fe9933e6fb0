import HTTPTypes
import Foundation
import Hummingbird
import Storage

/// The administration page (管理员) and API: users (add with a password shown once, disable,
/// enable, role and region), API tokens (issue, shown once; revoke), the record of changes,
/// and the in-server jobs (see `JobController`). Admin role only, region-scoped (see
/// `UserAdministration`); forms carry the CSRF token, API calls need the token scope `admin`.
struct AdminController: Sendable {
    let administration: UserAdministration
    let database: FundWatchDatabase
    let pages: PageRenderer
    /// The in-server jobs, listed on the page with whether a stop was asked of them.
    let jobs: JobRunner

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/admin", use: page)
        router.post("/admin/users", use: addUserFromForm)
        router.post("/admin/users/:username", use: updateUserFromForm)
        router.post("/admin/tokens", use: issueTokenFromForm)
        router.post("/admin/tokens/:id/revoke", use: revokeTokenFromForm)
        api.get("/admin/users", use: listUsers)
        api.post("/admin/users", use: addUserFromJSON)
        api.patch("/admin/users/:username", use: updateUserFromJSON)
        api.get("/admin/tokens", use: listTokens)
        api.post("/admin/tokens", use: issueTokenFromJSON)
        api.delete("/admin/tokens/:id", use: revokeTokenFromJSON)
    }

    static func requireAdmin(_ context: AppRequestContext) throws -> Identity {
        try context.require(\.managesUsers, tokenScope: "admin")
    }

    struct UserRow: Sendable, Codable {
        let username: String
        let displayName: String
        let role: String
        let roleName: String
        let regionCode: String
        let regionName: String
        let disabled: Bool
        let createdAt: String
        let isSelf: Bool
        /// The roles to choose from, the user's own selected.
        let roleOptions: [RoleOption]
    }

    struct TokenRow: Sendable, Codable {
        let id: Int64
        let username: String
        let name: String
        let scopes: String
        let createdAt: String
        let expiresAt: String?
        let revoked: Bool
    }

    struct RoleOption: Sendable, Codable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct PageView: Sendable {
        let users: [UserRow]
        let tokens: [TokenRow]
        let events: [AdminEventRow]
        let jobs: [JobController.JobRow]
        let roles: [RoleOption]
        let scopes: [String]
        let regionName: String
        /// Shown once, after a user was added or a token issued.
        let secret: Secret?
        let message: String?
    }

    struct Secret: Sendable {
        let label: String
        let value: String
    }

    func userRows(_ identity: Identity) async throws -> [UserRow] {
        try await database.users(in: identity.scope).map {
            UserRow(
                username: $0.username, displayName: $0.displayName, role: $0.role.rawValue, roleName: $0.role.chinese,
                regionCode: $0.regionCode, regionName: RegionNames.name($0.regionCode), disabled: $0.disabled,
                createdAt: WebTimeText.format($0.createdAt), isSelf: $0.id == identity.user.id,
                roleOptions: Self.roleOptions(selected: $0.role))
        }
    }

    func tokenRows(_ identity: Identity) async throws -> [TokenRow] {
        try await database.apiTokens(in: identity.scope).map {
            TokenRow(
                id: $0.id, username: $0.username, name: $0.name, scopes: $0.scopes.joined(separator: " "),
                createdAt: WebTimeText.format($0.createdAt), expiresAt: $0.expiresAt.map(WebTimeText.format), revoked: $0.revoked)
        }
    }

    func render(_ identity: Identity, secret: Secret? = nil, message: String? = nil, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let events = try await database.adminEvents(in: identity.scope, limit: 50).map { AdminEventRow($0) }
        let view = PageView(
            users: try await userRows(identity), tokens: try await tokenRows(identity), events: events,
            jobs: try await database.jobs().map { JobController.JobRow($0, cancelRequested: jobs.isCancelRequested($0.id)) },
            roles: Self.roleOptions(selected: .auditor),
            scopes: UserAdministration.tokenScopes.sorted(), regionName: RegionNames.name(identity.user.regionCode),
            secret: secret, message: message)
        var response = pages.render("admin", title: "管理员", identity: identity, page: view, status: status)
        // A page showing a password or token once must not be kept by any cache.
        if secret != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    static func roleOptions(selected: UserRole) -> [RoleOption] {
        UserRole.allCases.map { RoleOption(value: $0.rawValue, label: $0.chinese, selected: $0 == selected) }
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try Self.requireAdmin(context))
    }

    /// Runs a form action; a refusal the admin can fix comes back on the page with its message.
    func form(
        _ request: Request, context: AppRequestContext,
        _ body: (Identity, [String: String]) async throws -> (Secret?, String)
    ) async throws -> Response {
        let identity = try Self.requireAdmin(context)
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        do {
            let (secret, message) = try await body(identity, form)
            return try await render(identity, secret: secret, message: message)
        } catch let error as AppError where error.status != .unauthorized && error.code != "csrf" {
            return try await render(identity, message: error.message, status: error.status)
        }
    }

    func addUserFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await form(request, context: context) { identity, form in
            let (user, password) = try await administration.addUser(
                username: form["username"] ?? "", displayName: form["display_name"] ?? "", role: form["role"] ?? "",
                regionCode: form["region_code"] ?? "", by: identity)
            return (Secret(label: "用户 \(user.username) 的初始密码（仅显示这一次，请当面或经安全渠道交给本人）", value: password), "已添加用户 \(user.username)")
        }
    }

    func updateUserFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let username = context.parameters.get("username") else { throw AppError.notFound }
        return try await form(request, context: context) { identity, form in
            switch form["action"] {
            case "disable":
                try await administration.setDisabled(username, disabled: true, by: identity)
                return (nil, "已停用用户 \(username)，其会话和令牌均已失效")
            case "enable":
                try await administration.setDisabled(username, disabled: false, by: identity)
                return (nil, "已启用用户 \(username)")
            case "update":
                let user = try await administration.update(
                    username, role: form["role"] ?? "", regionCode: form["region_code"] ?? "", by: identity)
                return (nil, "已把用户 \(username) 改为\(user.role.chinese)（\(RegionNames.name(user.regionCode))），其现有会话已结束")
            default:
                throw AppError.badRequest("表单字段 action 须为 disable、enable 或 update", code: "invalid_action")
            }
        }
    }

    func issueTokenFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await form(request, context: context) { identity, form in
            let scopes = Set((form["scopes"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init))
            guard let days = Int(form["days"] ?? "365") else {
                throw AppError(.unprocessableContent, code: "invalid_days", "有效天数须为整数")
            }
            let (_, token) = try await administration.issueToken(
                for: form["username"] ?? "", name: form["name"] ?? "", scopes: scopes, days: days, by: identity)
            return (Secret(label: "API 令牌（仅显示这一次，数据库只保存其摘要）", value: token), "已签发令牌")
        }
    }

    func revokeTokenFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw AppError.notFound }
        return try await form(request, context: context) { identity, _ in
            try await administration.revokeToken(id, by: identity)
            return (nil, "已吊销令牌 \(id)")
        }
    }

    // MARK: - API

    struct UserList: Encodable { let users: [UserRow] }
    struct TokenList: Encodable { let tokens: [TokenRow] }

    func listUsers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireAdmin(context)
        return JSONOutput.response(UserList(users: try await userRows(identity)))
    }

    func listTokens(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireAdmin(context)
        return JSONOutput.response(TokenList(tokens: try await tokenRows(identity)))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, context: AppRequestContext, hint: String)
        async throws -> T
    {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        // The API's keys are snake_case both ways.
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let value = try? decoder.decode(T.self, from: Data(body.readableBytesView)) else {
            throw AppError.badRequest("请求体须为 JSON：\(hint)", code: "invalid_body")
        }
        return value
    }

    func addUserFromJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireAdmin(context)
        try CSRF.check(identity, request: request, form: nil)
        struct In: Decodable {
            let username: String
            let displayName: String
            let role: String
            let regionCode: String
        }
        let input = try await Self.decode(
            In.self, request, context: context, hint: "{\"username\", \"display_name\", \"role\", \"region_code\"}")
        let (user, password) = try await administration.addUser(
            username: input.username, displayName: input.displayName, role: input.role, regionCode: input.regionCode,
            by: identity)
        struct Out: Encodable {
            let username: String
            let role: String
            let regionCode: String
            /// Shown once: only the bcrypt hash is stored.
            let password: String
        }
        var response = JSONOutput.response(
            Out(username: user.username, role: user.role.rawValue, regionCode: user.regionCode, password: password),
            status: .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func updateUserFromJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireAdmin(context)
        try CSRF.check(identity, request: request, form: nil)
        guard let username = context.parameters.get("username") else { throw AppError.notFound }
        struct In: Decodable {
            let role: String?
            let regionCode: String?
            let disabled: Bool?
        }
        let input = try await Self.decode(In.self, request, context: context, hint: "{\"role\", \"region_code\", \"disabled\"}")
        let user = try await administration.managedUser(username, by: identity)
        if input.role != nil || input.regionCode != nil {
            _ = try await administration.update(
                username, role: input.role ?? user.role.rawValue, regionCode: input.regionCode ?? user.regionCode,
                by: identity)
        }
        if let disabled = input.disabled, disabled != user.disabled {
            try await administration.setDisabled(username, disabled: disabled, by: identity)
        }
        let rows = try await userRows(identity)
        guard let row = rows.first(where: { $0.username == username }) else { throw AppError.notFound }
        return JSONOutput.response(row)
    }

    func issueTokenFromJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireAdmin(context)
        try CSRF.check(identity, request: request, form: nil)
        struct In: Decodable {
            let username: String
            let name: String
            let scopes: [String]
            let days: Int?
        }
        let input = try await Self.decode(In.self, request, context: context, hint: "{\"username\", \"name\", \"scopes\": [...], \"days\"}")
        let (id, token) = try await administration.issueToken(
            for: input.username, name: input.name, scopes: Set(input.scopes), days: input.days ?? 365, by: identity)
        struct Out: Encodable {
            let id: Int64
            /// Shown once: only its SHA-256 is stored.
            let token: String
        }
        var response = JSONOutput.response(Out(id: id, token: token), status: .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func revokeTokenFromJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireAdmin(context)
        try CSRF.check(identity, request: request, form: nil)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw AppError.notFound }
        try await administration.revokeToken(id, by: identity)
        return Response(status: .noContent)
    }
}
