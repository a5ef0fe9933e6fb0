/// Supplies the values of variables during evaluation.
///
/// Implement it to expose host data lazily: `resolve` is only called for names an expression
/// actually uses. For the fastest evaluation use ``CELVariables`` made by ``Program/makeVariables()``,
/// whose lookups are array reads.
public protocol CELActivation: Sendable {
    /// The value of a variable (a simple or dotted name such as `a.b.c`), or nil when unbound.
    func resolve(_ name: String) -> CELValue?
}

/// An activation backed by a dictionary.
public struct CELDictionaryActivation: CELActivation {
    /// The bound values by name.
    public var values: [String: CELValue]

    /// Creates an activation from name/value pairs.
    public init(_ values: [String: CELValue] = [:]) { self.values = values }

    public func resolve(_ name: String) -> CELValue? { values[name] }
}

/// The variable layout of a compiled program: declared names mapped to array slots.
final class VariableLayout: Sendable {
    let names: [String]
    let slots: [String: Int]

    init(names: [String]) {
        self.names = names
        var slots: [String: Int] = [:]
        for (index, name) in names.enumerated() { slots[name] = index }
        self.slots = slots
    }
}

/// Variable values stored by slot for the declared variables of an environment; reading a
/// variable during evaluation is an array access. Undeclared names can be bound too.
public struct CELVariables: CELActivation {
    let layout: VariableLayout
    var values: [CELValue?]
    var extra: [String: CELValue] = [:]

    init(layout: VariableLayout) {
        self.layout = layout
        self.values = Array(repeating: nil, count: layout.names.count)
    }

    /// Reads or binds a variable by name.
    public subscript(name: String) -> CELValue? {
        get {
            if let slot = layout.slots[name] { return values[slot] }
            return extra[name]
        }
        set {
            if let slot = layout.slots[name] { values[slot] = newValue } else { extra[name] = newValue }
        }
    }

    /// A slot index to bind repeatedly without hashing the name (see ``set(_:slot:)``).
    public func slot(of name: String) -> Int? { layout.slots[name] }

    /// Binds a variable by slot index.
    public mutating func set(_ value: CELValue?, slot: Int) {
        guard slot >= 0, slot < values.count else { return }
        values[slot] = value
    }

    public func resolve(_ name: String) -> CELValue? { self[name] }
}
