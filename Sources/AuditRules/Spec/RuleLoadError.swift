/// Why a rule file was refused, with the position in the YAML file.
public struct RuleLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or a label for in-memory text).
    public let file: String
    /// 1-based line in the YAML file, when known.
    public let line: Int?
    /// 1-based column in the YAML file, when known.
    public let column: Int?
    /// What is wrong and, where possible, what to do.
    public let reason: String

    /// Creates an error.
    public init(file: String, line: Int?, column: Int?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var position = file
        if let line { position += ":\(line)" }
        if let column { position += ":\(column)" }
        return "\(position): \(reason)"
    }
}
