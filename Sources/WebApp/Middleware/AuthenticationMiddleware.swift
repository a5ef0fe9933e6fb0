import HTTPTypes
import Crypto
import Foundation
public import Hummingbird
import Storage

/// Finds who is calling: an `Authorization: Bearer` API token, else the session cookie. Sets
/// `context.identity` and never refuses by itself; routes that need a caller require one.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// The session cookie's name. The `__Host-` prefix (only with `Secure`) pins it to this host and path `/`.
    static func cookieName(secure: Bool) -> String { secure ? "__Host-fw_session" : "fw_session" }

    let database: FundWatchDatabase
    let clock: WebClock
    let secureCookies: Bool
    let credentials: CredentialCache

    init(database: FundWatchDatabase, clock: WebClock, secureCookies: Bool, credentials: CredentialCache) {
        self.database = database
        self.clock = clock
        self.secureCookies = secureCookies
        self.credentials = credentials
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let now = clock.now()
        if let header = request.headers[.authorization] {
            guard let token = Self.bearerToken(header) else { throw AppError.unauthenticated }
            let digest = Self.digest(token)
            if let known = credentials.lookup(for: digest, now: now) {
                context.identity = known.identity
                if known.refresh { reverifyInBackground(digest, verify: verifyToken) }
            } else {
                let generation = credentials.generation
                guard let verified = try await verifyToken(digest, now: now) else { throw AppError.unauthenticated }
                credentials.store(
                    verified.identity, for: digest, verifiedAt: now, credentialExpires: verified.expires, generation: generation)
                context.identity = verified.identity
            }
        } else if let cookie = request.cookies[Self.cookieName(secure: secureCookies)]?.value, !cookie.isEmpty {
            let digest = Self.digest(cookie)
            if let known = credentials.lookup(for: digest, now: now) {
                context.identity = known.identity
                if known.refresh { reverifyInBackground(digest, verify: verifySession) }
            } else {
                let generation = credentials.generation
                if let verified = try await verifySession(digest, now: now) {
                    credentials.store(
                        verified.identity, for: digest, verifiedAt: now, credentialExpires: verified.expires,
                        generation: generation)
                    context.identity = verified.identity
                }
            }
        }
        do {
            return try await next(request, context)
        } catch let error as ErrorWithIdentity {
            throw error
        } catch {
            // The error page is drawn above this middleware, where the caller is unknown: carry it up.
            guard let identity = context.identity else { throw error }
            throw ErrorWithIdentity(error: error, identity: identity)
        }
    }

    /// An identity read from the database, and when its credential ends.
    typealias Verified = (identity: Identity, expires: Date?)

    /// The API token with this digest, if it is valid at `now` and its user is enabled.
    @Sendable func verifyToken(_ digest: String, now: Date) async throws -> Verified? {
        guard let grant = try await database.apiToken(sha256: digest, now: now),
            let scope = RegionScope(code: grant.user.regionCode)
        else { return nil }
        return (Identity(user: grant.user, credential: .token(id: grant.tokenID, scopes: grant.scopes), scope: scope), grant.expiresAt)
    }

    /// The session with this cookie digest, if it is valid at `now` and its user is enabled.
    @Sendable func verifySession(_ digest: String, now: Date) async throws -> Verified? {
        guard let session = try await database.session(idSHA256: digest, now: now),
            let scope = RegionScope(code: session.user.regionCode)
        else { return nil }
        return (
            Identity(user: session.user, credential: .session(csrfToken: session.csrfToken, cookieDigest: digest), scope: scope),
            session.expiresAt
        )
    }

    /// Verifies a cached credential again while requests go on using it (see
    /// `CredentialCache.lookup`): a credential no longer valid is forgotten, so the next request
    /// is refused; a failed read leaves the entry to expire at the end of its lifetime.
    private func reverifyInBackground(
        _ digest: String, verify: @escaping @Sendable (String, Date) async throws -> Verified?
    ) {
        let credentials = credentials
        let clock = clock
        Task {
            let generation = credentials.generation
            let now = clock.now()
            let read: Verified?
            do { read = try await verify(digest, now) } catch { return }
            guard let verified = read else {
                credentials.remove(digest)
                return
            }
            credentials.store(
                verified.identity, for: digest, verifiedAt: now, credentialExpires: verified.expires, generation: generation)
        }
    }

    /// The token of an `Authorization: Bearer <token>` header (the scheme in any case, spaces
    /// and tabs around the token ignored); nil for any other scheme. Read on the bytes: every
    /// API call passes here, and Foundation's `trimmingCharacters` cost more than the digest.
    static func bearerToken(_ header: String) -> String? {
        let utf8 = Array(header.utf8)
        let scheme = Array("bearer ".utf8)
        guard utf8.count >= scheme.count else { return nil }
        for i in 0..<scheme.count where utf8[i] | 0x20 != scheme[i] { return nil }
        var start = scheme.count
        var end = utf8.count
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start += 1 }
        while end > start, utf8[end - 1] == 0x20 || utf8[end - 1] == 0x09 { end -= 1 }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// Lower-case hex SHA-256 of a secret: what the database keeps instead of it.
    static func digest(_ secret: String) -> String {
        AuditTrail.sha256Hex(Array(secret.utf8))
    }
}

/// An error raised below `AuthenticationMiddleware`, with the caller it found, so that
/// `ErrorMiddleware` (above it) draws the error page with the signed-in header and navigation.
struct ErrorWithIdentity: Error {
    let error: any Error
    let identity: Identity
}
