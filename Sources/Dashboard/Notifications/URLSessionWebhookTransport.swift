public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real transport: Foundation's URLSession, with a timeout per request.
public struct URLSessionWebhookTransport: WebhookTransport {
    private let timeout: Double

    /// `timeout`: seconds to wait for an answer before the attempt counts as failed.
    public init(timeout: Double = 10) {
        self.timeout = timeout
    }

    public func post(url: URL, headers: [String: String], body: Data) async throws -> Int {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (_, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw DashboardError.invalidConfiguration("\(url.absoluteString) did not answer over HTTP")
        }
        return http.statusCode
    }
}
