import HTTPTypes
public import Hummingbird
import Foundation

/// The request context of every route: Hummingbird's core storage plus the signed-in caller.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` when the request carries a valid session or token.
    public var identity: Identity?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
    }

    /// A request body larger than this is refused (a form or a payment, never a file upload).
    public var maxUploadSize: Int { 256 * 1024 }
}
