public import Foundation

/// How the web application runs: where it listens and how strict its sign-in is.
public struct WebConfiguration: Sendable {
    /// The address to listen on (127.0.0.1 unless told otherwise).
    public var host: String
    public var port: Int
    /// Whether cookies carry `Secure` (only sent over HTTPS). On unless the app is served on
    /// plain HTTP to the local machine, as the demo is.
    public var secureCookies: Bool
    /// How long a session lasts after sign-in.
    public var sessionLifetime: TimeInterval
    /// Failed sign-ins allowed per user name within `signInWindow` before sign-in is refused.
    public var signInLimit: Int
    public var signInWindow: TimeInterval
    /// The bcrypt cost of new password hashes (tests lower it; 12 in production).
    public var bcryptCost: UInt8
    /// How long a verified session or API token is trusted without asking the database again
    /// (see `CredentialCache`): changes made in the server apply at once, a user disabled from
    /// the command line within this time. 0 (the default) asks on every request; `serve` uses 1 s.
    public var credentialCacheLifetime: TimeInterval
    /// How long the pre-payment check trusts that the population and blacklist it holds in
    /// memory are current before asking the database (see `PaymentCheckService`). Zero (the
    /// default) asks before every check; `serve` uses 250 ms.
    public var paymentRecheckInterval: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = true,
        sessionLifetime: TimeInterval = 8 * 3600, signInLimit: Int = 5, signInWindow: TimeInterval = 15 * 60,
        bcryptCost: UInt8 = 12, credentialCacheLifetime: TimeInterval = 0, paymentRecheckInterval: Duration = .zero
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.signInLimit = signInLimit
        self.signInWindow = signInWindow
        self.bcryptCost = bcryptCost
        self.credentialCacheLifetime = credentialCacheLifetime
        self.paymentRecheckInterval = paymentRecheckInterval
    }
}
