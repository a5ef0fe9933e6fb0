public import AuditRules
import Synchronization

/// The rules the app runs (pre-payment check, in-server audit) and shows (rules page).
///
/// Copies share one current state, so that a rule saved or switched off on the rules page takes
/// effect at once for every holder (the payment check reads `engine` per request): the value is
/// a handle, like a logger. The state is compiled once per change, never per request.
public struct RuleLibrary: Sendable {
    struct State: Sendable {
        /// Every rule in the library, enabled or not, in id order.
        var rules: [CompiledRule]
        /// The ids of the rules switched off.
        var disabled: Set<String>
        /// The engine over the enabled rules.
        var engine: RuleEngine
    }

    final class Box: Sendable {
        let state: Mutex<State>
        init(_ state: State) { self.state = Mutex(state) }
    }

    private let box: Box

    /// A library of these rules, all enabled unless listed in `disabled`.
    public init(rules: [CompiledRule], disabled: Set<String> = []) {
        box = Box(Self.state(rules: rules, disabled: disabled))
    }

    static func state(rules: [CompiledRule], disabled: Set<String>) -> State {
        let sorted = rules.sorted { $0.spec.id < $1.spec.id }
        return State(
            rules: sorted, disabled: disabled,
            engine: RuleEngine(rules: sorted.filter { !disabled.contains($0.spec.id) }))
    }

    /// Every rule of the library, enabled or not, in id order.
    public var rules: [CompiledRule] { box.state.withLock { $0.rules } }

    /// The engine over the enabled rules: what the checks and audits run.
    public var engine: RuleEngine { box.state.withLock { $0.engine } }

    /// Whether a rule runs (false for a rule switched off on the rules page).
    public func isEnabled(_ id: String) -> Bool { box.state.withLock { !$0.disabled.contains(id) } }

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

    /// Replaces the rules and settings for every copy of this library with `other`'s.
    public func replace(with other: RuleLibrary) {
        let next = other.box.state.withLock { $0 }
        box.state.withLock { $0 = next }
    }
}
