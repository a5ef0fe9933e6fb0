public import CEL

/// One conformance test from a cel-spec `SimpleTestFile`.
public struct ConformanceCase: Sendable {
    /// What the test expects.
    public enum Expectation: Sendable {
        case value(CELValue)
        case error(String)
    }

    public let file: String
    public let section: String
    public let name: String
    public let expression: String
    public let expectation: Expectation
    public let container: String
    public let disableCheck: Bool
    public let disableMacros: Bool
    public let declarations: [(String, CELType)]
    public let bindings: [String: CELValue]
    /// Why the test cannot run on an engine without protobuf messages, if so.
    public let skipReason: String?

    /// `file/section/name`.
    public var identifier: String { "\(file)/\(section)/\(name)" }
}
