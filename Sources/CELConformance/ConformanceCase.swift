public import CEL

/// One conformance test from a cel-spec `SimpleTestFile`.
public struct ConformanceCase: Sendable {
    /// What the test expects.
    public enum Expectation: Sendable {
        case value(CELValue)
        case error(String)
    }

    /// The file's `name` (e.g. `basic`).
    public let file: String
    /// The section name.
    public let section: String
    /// The test name.
    public let name: String
    /// The CEL source.
    public let expression: String
    /// The expected value or error.
    public let expectation: Expectation
    /// The namespace for name resolution.
    public let container: String
    /// Whether the test runs without type checking.
    public let disableCheck: Bool
    /// Whether macros are disabled.
    public let disableMacros: Bool
    /// Variable declarations for the checker.
    public let declarations: [(String, CELType)]
    /// Variable values for evaluation.
    public let bindings: [String: CELValue]
    /// Why the test cannot run on an engine without protobuf messages, if so.
    public let skipReason: String?

    /// `file/section/name`.
    public var identifier: String { "\(file)/\(section)/\(name)" }
}
