import Foundation

/// The one textual form of instants in the web tables: RFC 3339 UTC with milliseconds
/// (`2026-11-25T20:51:00.123Z`), which sorts as text, so SQL compares times directly.
enum WebTime {
    static func format(_ date: Date) -> String { formatter().string(from: date) }

    static func parse(_ text: String) -> Date? { formatter().date(from: text) }

    // A formatter per call: `ISO8601DateFormatter` is not `Sendable`, and these are not hot paths.
    private static func formatter() -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }
}
