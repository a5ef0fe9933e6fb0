import Collaboration
import HTTPTypes

extension AppError {
    /// The app's answer to a collaboration refusal: 404 for what the caller may not see, 403 for
    /// a step from the wrong side or by the wrong person, 409 for a state or version conflict,
    /// 422 for bad input.
    static func from(_ error: CollaborationError) -> AppError {
        let status: HTTPResponse.Status
        switch error.code {
        case .notFound: status = .notFound
        case .forbidden, .secondPersonRequired: status = .forbidden
        case .invalidTransition, .staleVersion: status = .conflict
        default: status = .unprocessableContent
        }
        return AppError(status, code: error.code.description, error.reason)
    }
}

/// Runs a handler body, turning collaboration refusals into app errors (the error middleware
/// knows only the app's and the web store's errors).
func collaborationStep<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as CollaborationError {
        throw AppError.from(error)
    }
}
