import NIOCore
import HTTPTypes
import Crypto
import Foundation
import Hummingbird
import Storage

extension AppRequestContext {
    /// The caller, or 401 (JSON for the API; a redirect to sign-in for pages).
    func requireIdentity() throws -> Identity {
        guard let identity else { throw AppError.unauthenticated }
        return identity
    }

    /// The caller if their role allows `permission` (and their token carries `tokenScope`), else 403.
    func require(_ permission: (UserRole) -> Bool, tokenScope: String = "read") throws -> Identity {
        let identity = try requireIdentity()
        guard permission(identity.user.role), identity.hasScope(tokenScope) else { throw AppError.forbidden }
        return identity
    }
}

/// Checks the CSRF token of a state-changing request made with a session cookie: the form's
/// `_csrf` field or the `X-CSRF-Token` header must equal the session's token. API-token callers
/// carry no cookie, so cross-site requests cannot ride on them, and need no CSRF token.
enum CSRF {
    static func check(_ identity: Identity, request: Request, form: [String: String]?) throws {
        guard let expected = identity.csrfToken else { return }
        let given = form?["_csrf"] ?? request.headers[.xCSRFToken] ?? ""
        guard constantTimeEqual(Array(given.utf8), Array(expected.utf8)) else { throw AppError.csrf }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}

/// `application/x-www-form-urlencoded` bodies as a dictionary (the last value of a repeated field wins).
enum FormBody {
    static func parse(_ request: Request, context: AppRequestContext) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> [String: String] {
        var out = [String: String]()
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            guard let key = parts.first else { continue }
            out[decode(key)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return out
    }
}
