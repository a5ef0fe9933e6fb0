/// What an API token may do beyond what its user's role allows: a token carries only the
/// scopes it was issued with, a browser session all its role allows.
///
/// The one list of scopes the app checks: `fundwatch user token --scopes`, the admin page and
/// `POST /api/v1/admin/tokens` accept exactly these.
public enum TokenScope: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Read what the role and region allow (findings, alerts, persons masked, cockpit, …).
    case read
    /// `POST /api/v1/payments/check`, the pre-payment check.
    case paymentsCheck = "payments:check"
    /// Acknowledge, assign, dismiss alerts and turn them into cases.
    case alertsWrite = "alerts:write"
    /// Unmask personal data (recorded in the ledger as `data_access`).
    case personsReveal = "persons:reveal"
    /// Open and move cases.
    case casesWrite = "cases:write"
    /// Send verification requests (协查) to departments.
    case verificationWrite = "verification:write"
    /// Answer verification requests as a department's liaison.
    case verificationAnswer = "verification:answer"
    /// Share clues between regions (线索移送).
    case cluesWrite = "clues:write"
    /// Record case outcomes, feedback and rectification tasks.
    case outcomesWrite = "outcomes:write"
    /// Edit rules and switch them on or off.
    case rulesWrite = "rules:write"
    /// Manage users, tokens and in-server jobs.
    case admin

    /// Parses a space- or comma-separated list; the error names the unknown scopes and lists the valid ones.
    public static func parse(_ text: String) throws(TokenScopeError) -> Set<TokenScope> {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        let unknown = words.filter { TokenScope(rawValue: $0) == nil }
        guard unknown.isEmpty, !words.isEmpty else {
            throw TokenScopeError(unknown: unknown)
        }
        return Set(words.compactMap(TokenScope.init(rawValue:)))
    }

    /// Every scope's name, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }

    public static func < (a: TokenScope, b: TokenScope) -> Bool { a.rawValue < b.rawValue }
}

/// Token scopes that are not `TokenScope`s (or none at all).
public struct TokenScopeError: Error, CustomStringConvertible {
    /// The words that name no scope (empty when no scope was given).
    public let unknown: [String]

    public var description: String {
        let valid = TokenScope.names.joined(separator: ", ")
        if unknown.isEmpty { return "no token scope given; choose among: \(valid)" }
        return "unknown token scope\(unknown.count > 1 ? "s" : "") \(unknown.map { "'\($0)'" }.joined(separator: ", ")); choose among: \(valid)"
    }
}
