import HTTPTypes
public import Hummingbird

/// Adds the security headers to every response: a content security policy that allows only the
/// app's own scripts, styles and images (no inline script, no framing), no MIME sniffing, and no
/// referrer sent elsewhere.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil {
            // Pages and API answers hold personal data: no shared caches, nothing kept on disk.
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
