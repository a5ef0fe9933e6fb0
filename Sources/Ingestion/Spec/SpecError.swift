/// A mapping spec that cannot be used: says which file, where in it (1-based line and column of
/// the YAML node) and what to write instead.
public struct SpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The spec file (or `<spec>` for text given in code).
    public let file: String
    /// The 1-based line of the offending YAML node, when known.
    public let line: Int?
    /// The 1-based column of the offending YAML node, when known.
    public let column: Int?
    /// What is wrong and what to do.
    public let reason: String

    public init(file: String, line: Int?, column: Int?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): \(reason)"
    }
}
