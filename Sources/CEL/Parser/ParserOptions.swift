/// Limits and switches for parsing.
public struct ParserOptions: Sendable {
    /// Longest accepted source, in UTF-8 bytes.
    public var maxExpressionLength: Int = 100_000
    /// Deepest accepted nesting of the syntax tree (parentheses, calls, operator chains). Parsing,
    /// checking and evaluation recurse over the tree: at the default of 100 they need about
    /// 0.5 MiB of stack in release builds and 1.5 MiB in debug builds.
    public var maxNestingDepth: Int = 100
    /// Largest accepted number of syntax-tree nodes.
    public var maxNodeCount: Int = 50_000
    /// Whether `has`, `all`, `exists`, `exists_one`, `map` and `filter` are expanded.
    public var macrosEnabled: Bool = true

    /// Default limits.
    public init() {}
}
