/// An import that cannot go ahead at all; nothing was written. Says what, where and what to do.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or folder) concerned.
    public let file: String
    /// The 1-based line, when one line is to blame.
    public let line: Int?
    /// The field (column), when one is to blame.
    public let field: String?
    /// What is wrong and what to do about it.
    public let message: String

    public init(file: String, line: Int?, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let field { place += " field '\(field)'" }
        return "\(place): \(message)"
    }
}
