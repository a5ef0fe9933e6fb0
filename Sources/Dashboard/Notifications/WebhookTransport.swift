public import Foundation

/// Sends one HTTP POST and returns the status code; throws when no answer came (connection
/// refused, timeout). Behind a protocol so tests use a fake and the web app the real one.
public protocol WebhookTransport: Sendable {
    func post(url: URL, headers: [String: String], body: Data) async throws -> Int
}
