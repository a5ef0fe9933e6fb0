/// Per-evaluation state: the activation, comprehension variables and the cost counter.
struct Frame {
    /// The activation for by-name lookups; nil when every variable comes from `slots`.
    let activation: (any CELActivation)?
    /// Slot values when the activation is a ``CELVariables`` with the program's layout.
    let slots: [CELValue?]
    let hasSlots: Bool
    var locals: [CELValue]
    var cost = 0
    let costLimit: Int

    /// Adds cost; returns an error value once the budget is spent.
    @inline(__always)
    mutating func charge(_ amount: Int) -> CELError? {
        cost &+= amount
        guard cost > costLimit else { return nil }
        return CELError(code: .costLimitExceeded, reason: "evaluation cost exceeded the limit of \(costLimit)")
    }
}

/// A compiled, immutable evaluation node. Subclasses implement `eval`.
class Node: @unchecked Sendable {
    let location: SourceLocation

    init(location: SourceLocation) { self.location = location }

    func eval(_ frame: inout Frame) -> CELValue {
        .error(CELError(code: .invalidArgument, reason: "internal error: abstract node", location: location))
    }

    /// Stamps this node's location on a fresh error.
    @inline(__always)
    final func located(_ value: CELValue) -> CELValue {
        if case .error(var error) = value, error.location == nil {
            error.location = location
            return .error(error)
        }
        return value
    }

    final func fail(_ error: CELError) -> CELValue {
        var error = error
        if error.location == nil { error.location = location }
        return .error(error)
    }
}

extension CELValue {
    /// Cost units for building this value: its length for strings, bytes and lists.
    var sizeCost: Int {
        switch self {
        case .string(let text): return text.utf8.count
        case .bytes(let bytes): return bytes.count
        case .list(let elements): return elements.count
        case .map(let map): return map.count
        default: return 1
        }
    }
}
