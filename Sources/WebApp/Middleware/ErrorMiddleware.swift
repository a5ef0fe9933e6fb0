import HTTPTypes
import Foundation
public import Hummingbird
import Logging
import Storage

/// Turns every error into an answer for its audience: JSON `{code, message}` under `/api/`, a
/// friendly Chinese page elsewhere. An unexpected error is logged with its details and answered
/// with a plain 500 that shows nothing of them.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    let pages: PageRenderer
    let logger: Logger

    init(pages: PageRenderer, logger: Logger) {
        self.pages = pages
        self.logger = logger
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let wrapped as ErrorWithIdentity {
            var context = context
            context.identity = wrapped.identity
            return respond(translate(wrapped.error, request: request), request: request, context: context)
        } catch {
            let appError = translate(error, request: request)
            return respond(appError, request: request, context: context)
        }
    }

    func translate(_ error: any Error, request: Request) -> AppError {
        switch error {
        case let e as AppError:
            return e
        case let e as WebStoreError:
            return AppError.from(e)
        case let e as HTTPError:
            switch e.status {
            case .notFound: return .notFound
            case .methodNotAllowed: return AppError(.methodNotAllowed, code: "method_not_allowed", "不支持此请求方法")
            case .contentTooLarge: return AppError(.contentTooLarge, code: "too_large", "请求内容过大")
            case .badRequest:
                return .badRequest("请求格式有误")
            default:
                if e.status.code < 500 { return AppError(e.status, code: "http_\(e.status.code)", "请求未能完成") }
            }
        default:
            break
        }
        var metadata: Logger.Metadata = ["path": .string(request.uri.path), "error": .string(String(reflecting: error))]
        metadata["method"] = .string(request.method.rawValue)
        logger.error("request failed", metadata: metadata)
        return AppError(.internalServerError, code: "internal", "服务器内部错误，已记录日志；请稍后重试或联系管理员")
    }

    func respond(_ error: AppError, request: Request, context: Context) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            var response = JSONOutput.response(["code": error.code, "message": error.message], status: error.status)
            if error.status == .unauthorized {
                response.headers[.wwwAuthenticate] = "Bearer realm=\"fundwatch\""
            }
            return response
        }
        if error.status == .unauthorized {
            // A person without a session: to the sign-in page, back here afterwards.
            let next = request.method == .get ? request.uri.path : "/"
            return Response.redirect(to: "/signin?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_"))) ?? "/"), type: .normal)
        }
        return pages.errorPage(error, identity: context.identity)
    }
}
