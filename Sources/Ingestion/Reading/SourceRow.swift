/// One row of an export as read, before mapping: the values by column, and where it came from.
public struct SourceRow: Sendable, Hashable {
    /// The 1-based line (CSV, JSON Lines) or row (XLSX) the row starts on.
    public let line: Int
    /// The values in column order.
    public let fields: [String]
    /// Why the row is malformed (an unclosed quote, bytes not in the file's encoding), if it is.
    public let problem: String?

    public init(line: Int, fields: [String], problem: String? = nil) {
        self.line = line
        self.fields = fields
        self.problem = problem
    }
}
