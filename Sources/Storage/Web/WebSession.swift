public import Foundation

/// A signed-in browser: the user and the CSRF token its forms must carry.
public struct WebSession: Sendable, Hashable {
    public var user: WebUser
    /// The token every form and state-changing API call of this session must repeat.
    public var csrfToken: String
    public var expiresAt: Date

    public init(user: WebUser, csrfToken: String, expiresAt: Date) {
        self.user = user
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// A machine client's credential: the user it acts as and what it may do.
public struct APITokenGrant: Sendable, Hashable {
    public var tokenID: Int64
    public var user: WebUser
    /// The scopes granted (`read`, `payments:check`, `alerts:write`, …; see `TokenScope` in WebApp).
    public var scopes: Set<String>
    /// When the token stops working (nil: never).
    public var expiresAt: Date?

    public init(tokenID: Int64, user: WebUser, scopes: Set<String>, expiresAt: Date? = nil) {
        self.tokenID = tokenID
        self.user = user
        self.scopes = scopes
        self.expiresAt = expiresAt
    }
}
