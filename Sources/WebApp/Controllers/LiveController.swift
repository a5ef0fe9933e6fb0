import Dashboard
import Foundation
import Hummingbird
import Storage

/// `GET /api/v1/alerts/live`: new red alerts of the caller's region, pushed as Server-Sent
/// Events (`event: alert`, the masked `LiveAlert` as JSON) for as long as the page stays open.
///
/// The hub is fed by the app's `FindingsWatcher`, which sees findings stored by any process.
struct LiveController: Sendable {
    let hub: LiveAlertHub

    func addRoutes(api: RouterGroup<AppRequestContext>) {
        api.get("/alerts/live", use: stream)
    }

    func stream(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let subscription = await hub.subscribe(
            regionCode: identity.scope.isNation ? RegionScope.nationCode : identity.scope.code)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                // Tells the browser how long to wait before reconnecting after the server restarts.
                try await writer.write(ByteBuffer(string: "retry: 5000\n\n"))
                for await alert in subscription.alerts {
                    try await writer.write(ByteBuffer(string: try Self.event(alert)))
                }
                try await writer.finish(nil)
            })
    }

    /// One alert as an SSE event; JSON has no raw newlines, so it fits one `data:` line.
    static func event(_ alert: LiveAlert) throws -> String {
        "id: \(alert.findingID)\nevent: alert\ndata: \(String(decoding: try alert.json(), as: UTF8.self))\n\n"
    }
}
