import HTTPTypes
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Storage

/// The sign-in page, sign-in with a password (rate-limited per user name), and sign-out.
struct SignInController: Sendable {
    let database: FundWatchDatabase
    let pages: PageRenderer
    let configuration: WebConfiguration
    let clock: WebClock
    let random: RandomBytes
    /// A session ended here is forgotten at once, not when its cache entry ages out.
    let credentials: CredentialCache

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/signin", use: page)
        router.post("/signin", use: signIn)
        router.post("/signout", use: signOut)
    }

    struct SignInView: Sendable {
        let next: String
        let error: String?
        let username: String
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render(
            "signin", title: "登录", identity: nil,
            page: SignInView(next: Self.safeNext(request.uri.queryParameters.get("next")), error: nil, username: ""))
    }

    func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.parse(request, context: context)
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form["password"] ?? ""
        let next = Self.safeNext(form["next"])
        let now = clock.now()
        func refuse(_ message: String, status: HTTPResponse.Status) -> Response {
            pages.render(
                "signin", title: "登录", identity: nil, page: SignInView(next: next, error: message, username: username),
                status: status)
        }
        guard !username.isEmpty, !password.isEmpty else { return refuse("请输入用户名和密码", status: .badRequest) }
        let failures = try await database.failedSignIns(
            username: username, since: now.addingTimeInterval(-configuration.signInWindow))
        if failures >= configuration.signInLimit {
            let minutes = Int(configuration.signInWindow / 60)
            return refuse("登录失败次数过多，请 \(minutes) 分钟后再试，或联系管理员", status: .tooManyRequests)
        }
        guard let found = try await database.userForSignIn(username: username), !found.user.disabled,
            UserAccounts.verify(password, hash: found.passwordHash)
        else {
            try await database.recordSignInAttempt(username: username, succeeded: false, at: now)
            return refuse("用户名或密码错误", status: .unauthorized)
        }
        try await database.recordSignInAttempt(username: username, succeeded: true, at: now)
        let sessionID = random.token(32)
        let csrf = random.token(24)
        let expires = now.addingTimeInterval(configuration.sessionLifetime)
        try await database.createSession(
            idSHA256: AuthenticationMiddleware.digest(sessionID), userID: found.user.id, csrfToken: csrf, at: now,
            expiresAt: expires)
        var response = Response.redirect(to: next, type: .normal)
        response.setCookie(
            Cookie(
                name: AuthenticationMiddleware.cookieName(secure: configuration.secureCookies), value: sessionID,
                maxAge: Int(configuration.sessionLifetime), path: "/", secure: configuration.secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let identity = context.identity {
            let form = try await FormBody.parse(request, context: context)
            try CSRF.check(identity, request: request, form: form)
            if case .session(_, let digest) = identity.credential {
                try await database.deleteSession(idSHA256: digest, now: clock.now())
                credentials.remove(digest)
            }
        }
        var response = Response.redirect(to: "/signin", type: .normal)
        response.setCookie(
            Cookie(
                name: AuthenticationMiddleware.cookieName(secure: configuration.secureCookies), value: "", maxAge: 0,
                path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Only a local path may follow sign-in (no `//host` or `https://…`: no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}
