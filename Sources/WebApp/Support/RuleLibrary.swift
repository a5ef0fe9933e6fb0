public import AuditRules

/// The rules the app runs (pre-payment check) and shows (rules page): compiled once at start.
public struct RuleLibrary: Sendable {
    public let rules: [CompiledRule]
    public let engine: RuleEngine

    public init(rules: [CompiledRule]) {
        self.rules = rules
        self.engine = RuleEngine(rules: rules)
    }

    /// The built-in library; a rule that does not load is refused with its file, line and reason.
    public static func builtIn() throws -> RuleLibrary {
        let (rules, errors) = BuiltinRules.load()
        guard errors.isEmpty else {
            throw WebSetupError(errors.map(\.description).joined(separator: "\n"))
        }
        return RuleLibrary(rules: rules)
    }

    /// The rule with this id, if any.
    public func rule(_ id: String) -> CompiledRule? { rules.first { $0.spec.id == id } }
}
