public import HTTPTypes
import Hummingbird
import Foundation
import Storage

/// An error the app answers with: an HTTP status, a stable code and a message for people
/// (Simplified Chinese). The API sends it as JSON `{code, message}`, pages as a friendly page.
public struct AppError: Error, Sendable, Hashable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static let unauthenticated = AppError(.unauthorized, code: "unauthenticated", "请先登录，或提供有效的 API 令牌")
    public static let forbidden = AppError(.forbidden, code: "forbidden", "您的角色无权进行此操作")
    public static let notFound = AppError(.notFound, code: "not_found", "找不到该页面或记录，或它不在您的辖区内")
    public static let csrf = AppError(.forbidden, code: "csrf", "表单已失效（缺少或不匹配的安全令牌），请刷新页面后重试")

    public static func badRequest(_ message: String, code: String = "bad_request") -> AppError {
        AppError(.badRequest, code: code, message)
    }

    /// The app's answer to a store refusal.
    static func from(_ error: WebStoreError) -> AppError {
        let status: HTTPResponse.Status
        switch error.code {
        case .notFound, .unknownUser: status = .notFound
        case .forbidden, .secondPersonRequired: status = .forbidden
        case .duplicateUser, .invalidTransition: status = .conflict
        default: status = .unprocessableContent
        }
        return AppError(status, code: error.code.description, error.message)
    }
}
