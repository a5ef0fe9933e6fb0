/// An export that cannot be read at all (wrong encoding throughout, binary data, no header, a
/// column the spec needs missing): says which file, where and what to do. Nothing is imported.
public struct IngestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The export file.
    public let file: String
    /// The 1-based line (row for XLSX), when one is to blame.
    public let line: Int?
    /// The column header, when one is to blame.
    public let column: String?
    /// What is wrong and what to do about it.
    public let message: String

    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += " column '\(column)'" }
        return "\(place): \(message)"
    }
}
