import Casework
import HTTPTypes

extension AppError {
    /// The app's answer to a casework refusal: 404 outside the scope, 403 for a role, 409 for a
    /// stale version or a step the case's state does not allow, 413 and 415 for refused
    /// evidence files, 422 for other bad input.
    static func from(_ refusal: CaseRefusal) -> AppError {
        let status: HTTPResponse.Status =
            switch refusal.code {
            case .notFound: .notFound
            case .forbidden, .secondPersonRequired: .forbidden
            case .staleVersion, .invalidTransition, .measuresUnfinished, .signOffRequired, .appealWindowClosed: .conflict
            case .evidenceTooLarge: .contentTooLarge
            case .evidenceType: .unsupportedMediaType
            default: .unprocessableContent
            }
        return AppError(status, code: refusal.code.description, refusal.reason)
    }
}

/// Runs a handler body, answering a casework refusal as its HTTP error (the error middleware
/// knows only the app's own errors).
func answeringRefusals<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let refusal as CaseRefusal {
        throw AppError.from(refusal)
    }
}
