/// What became of one export row.
public enum RowOutcome: Sendable, Hashable {
    /// The row makes a valid canonical record; `values` are in the record type's field order.
    case accepted(line: Int, values: [String])
    /// The row is kept aside with its reason.
    case rejected(Reject)
}

/// A row that was not accepted: where it is, what is wrong, and its raw values so that it can be
/// corrected and imported again. `value` is masked for personal data; `raw` is not and must only
/// go to the rejects table, never to output.
public struct Reject: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The export's column header, when one column is to blame.
    public var column: String?
    /// The canonical field, when one is to blame.
    public var field: String?
    /// The offending value, masked for personal data.
    public var value: String?
    /// Why the row is rejected, in a sentence.
    public var reason: String
    /// A short stable code for grouping in the report (`invalid_date`, `missing`, `malformed_row`, …).
    public var code: String
    /// The row as read.
    public var raw: [String]

    public init(
        file: String, line: Int, column: String?, field: String?, value: String?, reason: String, code: String, raw: [String]
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.value = value
        self.reason = reason
        self.code = code
        self.raw = raw
    }

    public var description: String {
        var place = "\(file):\(line)"
        if let column { place += " column '\(column)'" }
        if let field, field != column { place += " (\(field))" }
        return "\(place): \(reason)"
    }
}
