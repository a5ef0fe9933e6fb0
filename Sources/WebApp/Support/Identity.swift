public import Storage

/// Who is making a request, and how they proved it.
public struct Identity: Sendable, Hashable {
    /// How the caller signed in.
    public enum Credential: Sendable, Hashable {
        /// A browser session; state-changing requests must repeat its CSRF token.
        case session(csrfToken: String, cookieDigest: String)
        /// A machine client's API token with its scopes.
        case token(id: Int64, scopes: Set<String>)
    }

    public var user: WebUser
    public var credential: Credential
    /// The region subtree the user may see.
    public var scope: RegionScope

    public init(user: WebUser, credential: Credential, scope: RegionScope) {
        self.user = user
        self.credential = credential
        self.scope = scope
    }

    /// The CSRF token of a browser session (nil for an API token).
    public var csrfToken: String? {
        if case .session(let token, _) = credential { return token }
        return nil
    }

    /// Whether the credential carries a scope: sessions carry all their role allows.
    public func hasScope(_ scope: String) -> Bool {
        switch credential {
        case .session: true
        case .token(_, let scopes): scopes.contains(scope)
        }
    }
}
