/// A declared variable: read from the slot array, or by name from any other activation.
final class VariableNode: Node, @unchecked Sendable {
    let name: String
    let slot: Int
    init(name: String, slot: Int, location: SourceLocation) {
        self.name = name
        self.slot = slot
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        if frame.hasSlots, let value = frame.slots[slot] { return value }
        if let value = frame.activation?.resolve(name) { return value }
        return fail(CELError(code: .noSuchAttribute, reason: "no such attribute: unknown variable '\(name)'"))
    }
}
