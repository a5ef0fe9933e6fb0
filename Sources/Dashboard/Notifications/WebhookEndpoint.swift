public import Foundation

/// A webhook that receives new alerts: a bureau's SMS or messaging gateway.
public struct WebhookEndpoint: Sendable, Hashable {
    /// A stable name; the outbox keys items by it.
    public var name: String
    public var url: URL
    /// The shared secret the body is signed with (HMAC-SHA256).
    public var secret: Data

    /// Checks the URL is http(s) and the secret at least 16 bytes, naming the endpoint otherwise.
    public init(name: String, url: URL, secret: Data) throws {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil else {
            throw DashboardError.invalidConfiguration(
                "webhook '\(name)': URL \(url.absoluteString) is not an http(s) URL with a host")
        }
        guard secret.count >= 16 else {
            throw DashboardError.invalidConfiguration(
                "webhook '\(name)': the secret has \(secret.count) bytes; use at least 16 random bytes")
        }
        guard !name.isEmpty else { throw DashboardError.invalidConfiguration("a webhook needs a name") }
        self.name = name
        self.url = url
        self.secret = secret
    }
}
